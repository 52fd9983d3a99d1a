// Spectral function: the schema (or media type, or parameter) given carries an example,
// itself or in every leaf it is made of. A $ref counts as covered: the component it
// points to is checked where it is defined (keel-schema-examples), so the rules run on
// the unresolved document and each missing example is reported once, at its source.
//
// A client generator, the mock server (`npm run mock`) and a reader of Swagger UI all
// show these examples; a field without one shows up as "string" or is left out.

function missing(schema, path) {
  if (!schema || typeof schema !== 'object') return [];
  if (schema.example !== undefined || schema.examples !== undefined || schema.$ref) return [];
  // Raw bytes (an image, a PDF): no JSON example can stand for them.
  if (schema.type === 'string' && schema.format === 'binary') return [];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(schema[key])) return schema[key].flatMap((part, i) => missing(part, [...path, key, i]));
  }
  if (schema.type === 'array' || schema.items) return missing(schema.items, [...path, 'items']);
  if (schema.properties && Object.keys(schema.properties).length > 0) {
    return Object.entries(schema.properties).flatMap(([name, property]) => missing(property, [...path, 'properties', name]));
  }
  return [path];
}

/**
 * input: a schema, or an object with `example`/`examples` and a `schema` (a media type
 * object or a parameter). Reports each leaf without an example by its path.
 */
export default function hasExamples(input, _options, context) {
  if (!input || typeof input !== 'object') return [];
  if (input.example !== undefined || input.examples !== undefined) return [];
  const [root, base] = 'schema' in input ? [input.schema, [...context.path, 'schema']] : [input, context.path];
  return missing(root, base).map((path) => ({
    message: `No example for ${
      path
        .slice(base.length)
        .filter((p) => p !== 'properties')
        .join('.') || 'this schema'
    }`,
    path,
  }));
}
