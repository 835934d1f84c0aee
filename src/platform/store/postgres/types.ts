/** Column type of ids and other keys: byte-order ("C") collation, so ORDER BY matches DuckDB. */
export const ID = 'text COLLATE "C"';
