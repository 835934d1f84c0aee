/**
 * DuckDB spellings that SQL shared between the engines uses, defined on PostgreSQL with DuckDB's
 * meaning so that one statement runs on both (part of the first migration):
 * - the type name `DOUBLE` (`NULL::DOUBLE`; PostgreSQL only knows `double precision`);
 * - `list(x)`, DuckDB's name for array_agg (NULL over no rows, like array_agg);
 * - `json_merge_patch(target, patch)`, which identify uses to merge traits. DuckDB's is RFC 7396
 *   (a null removes the key, nested objects merge key by key) except that a target that is not an
 *   object, or NULL, gives the patch unchanged; this one does the same, so traits end up equal.
 */
export const DUCKDB_SPELLINGS = `
  CREATE DOMAIN double AS double precision;

  CREATE AGGREGATE list(anycompatible) (SFUNC = array_append, STYPE = anycompatiblearray);

  CREATE FUNCTION merge_patch_object(target jsonb, patch jsonb) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
  DECLARE
    merged jsonb := CASE WHEN jsonb_typeof(target) = 'object' THEN target ELSE '{}' END;
    key text;
    value jsonb;
  BEGIN
    IF jsonb_typeof(patch) IS DISTINCT FROM 'object' THEN
      RETURN patch;
    END IF;
    FOR key, value IN SELECT * FROM jsonb_each(patch) LOOP
      IF value = 'null'::jsonb THEN
        merged := merged - key;
      ELSE
        merged := merged || jsonb_build_object(key, merge_patch_object(merged -> key, value));
      END IF;
    END LOOP;
    RETURN merged;
  END
  $fn$;

  CREATE FUNCTION json_merge_patch(target jsonb, patch jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT CASE
      WHEN patch IS NULL THEN NULL
      WHEN jsonb_typeof(target) IS DISTINCT FROM 'object' OR jsonb_typeof(patch) <> 'object' THEN patch
      ELSE merge_patch_object(target, patch)
    END
  $fn$;

  -- Folds a group's patches in order: the first one as it is, each later one merged into it
  -- (DuckDB: list_reduce(list(traits ORDER BY seq), json_merge_patch)).
  CREATE AGGREGATE merge_patches(jsonb) (SFUNC = json_merge_patch, STYPE = jsonb);
`;
