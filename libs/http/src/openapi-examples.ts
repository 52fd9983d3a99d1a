type Schema = {
  $ref?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/**
 * The example body a schema describes, built from the examples of its fields (following
 * $refs into `components.schemas`): what the document shows as a response's example, so
 * a reader, a generated client's docs and a mock server all see one whole realistic body.
 * Undefined when some leaf has no example (the Spectral rules report that leaf).
 */
export function exampleFromSchema(schema: Schema | undefined, schemas: Record<string, Schema>, depth = 0): unknown {
  if (!schema || depth > 10) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.$ref) return exampleFromSchema(schemas[schema.$ref.split('/').pop() ?? ''], schemas, depth + 1);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => exampleFromSchema(part, schemas, depth + 1));
    return parts.every((part) => typeof part === 'object' && part !== null) ? Object.assign({}, ...parts) : undefined;
  }
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alternative) return exampleFromSchema(alternative, schemas, depth + 1);
  if (schema.items) {
    const item = exampleFromSchema(schema.items, schemas, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (schema.properties) {
    const entries = Object.entries(schema.properties).map(([name, property]) => [name, exampleFromSchema(property, schemas, depth + 1)]);
    return entries.every(([, value]) => value !== undefined) ? Object.fromEntries(entries) : undefined;
  }
  return undefined;
}
