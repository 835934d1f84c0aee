/**
 * What a reply's documentation must be: every route the app serves under /v1 is in /openapi.json,
 * each success reply (other than 204) has a JSON schema, and no object in it is open without saying
 * what it holds: no passthrough object, no empty object. A map of free-form values (a customer's
 * traits, an event's properties) is allowed when it has a description saying so.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const isEmpty = (s: boolean | Schema | undefined) =>
  s === true || (typeof s === 'object' && Object.keys(s).filter((k) => k !== 'description').length === 0);

function schemaProblems(doc: OpenApiDocument, root: Schema): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (node: Schema, at: string) => {
    if (node.$ref) {
      if (seen.has(node.$ref)) return;
      seen.add(node.$ref);
      const target = doc.components?.schemas?.[node.$ref.split('/').pop()!];
      if (!target) return void problems.push(`${node.$ref} is not in components at ${at || '.'}`);
      return walk(target, at);
    }
    for (const member of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])])
      walk(member, at);
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (types.includes('array')) {
      if (node.items) walk(node.items, `${at}[]`);
      node.prefixItems?.forEach((item, i) => walk(item, `${at}[${i}]`));
    }
    if (!types.includes('object') && !node.properties) return;
    const properties = Object.entries(node.properties ?? {});
    const open = isEmpty(node.additionalProperties);
    if (properties.length > 0 && open) problems.push(`a passthrough object at ${at || '.'}`);
    else if (properties.length === 0 && (open ? !node.description : node.additionalProperties === undefined))
      problems.push(`an open object without properties at ${at || '.'}`);
    for (const [name, value] of properties) walk(value, `${at}.${name}`);
    if (typeof node.additionalProperties === 'object' && !open) walk(node.additionalProperties, `${at}.*`);
  };
  walk(root, '');
  return problems;
}

/** Problems with the document, for the routes `served` ("GET /v1/x/{id}"), in a stable order. */
export function openApiProblems(doc: OpenApiDocument, served: readonly string[]): string[] {
  const problems: string[] = [];
  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      documented.add(route);
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
      if (success.length === 0) problems.push(`${route}: no success reply`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const schema = response.content?.['application/json']?.schema;
        if (!schema) {
          problems.push(`${route} ${status}: no reply schema`);
          continue;
        }
        for (const problem of schemaProblems(doc, schema)) problems.push(`${route} ${status}: ${problem}`);
      }
    }
  }
  for (const route of new Set(served))
    if (!documented.has(route)) problems.push(`${route}: served but not documented`);
  return problems;
}
