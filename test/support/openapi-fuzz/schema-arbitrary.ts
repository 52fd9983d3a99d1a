import fc from 'fast-check';
import { WEIRD_UNICODE } from './hostile';

/** The subset of JSON Schema (OpenAPI 3.0 flavour) the Keel document uses. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Values the generator should prefer for some formats (ids that exist, so success paths get exercised). */
export interface KnownValues {
  uuids: string[];
  emails: string[];
  /** Passwords of the known emails, so logins sometimes succeed and their 200 is checked too. */
  passwords: string[];
}

/** Arrays are kept short: the bounds are probed by the hostile generator, not by every valid case. */
const MAX_GENERATED_ITEMS = 4;

const stringOf = (schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> => {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 64, 256);
  switch (schema.format) {
    case 'uuid':
      return known.uuids.length > 0 ? fc.oneof(fc.constantFrom(...known.uuids), fc.uuid()) : fc.uuid();
    case 'email':
      return fc.oneof(
        ...(known.emails.length > 0 ? [fc.constantFrom(...known.emails)] : []),
        fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254)),
      );
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'uri':
      return fc.webUrl();
    case 'password':
      if (known.passwords.length > 0) return fc.oneof(fc.constantFrom(...known.passwords), fc.string({ minLength, maxLength }));
      break;
    default:
      break;
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  // Free text: printable ASCII, any grapheme, and the characters storage and collations trip on
  // (NUL, bidi overrides, zero-width, lone surrogates), all within the documented length.
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength, maxLength }), fc.constantFrom(...WEIRD_UNICODE))
        .map(([text, weird]) => (text + weird).slice(0, Math.max(maxLength, 1)))
        .filter((s) => s.length >= minLength),
    },
  );
};

const integerOf = (schema: JsonSchema): fc.Arbitrary<number> => {
  const min = schema.minimum ?? -(2 ** 31);
  const max = schema.maximum ?? 2 ** 31 - 1;
  // fc.integer is limited to 32 bits; money amounts go to 10^10.
  if (min >= -(2 ** 31) && max <= 2 ** 31 - 1) return fc.integer({ min, max });
  return fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), fc.constantFrom(min, max));
};

/** An arbitrary of values valid against `schema` (as far as the schema says). */
export function arbitraryFromSchema(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  const base = nonNullable(schema, known);
  return schema.nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
}

function nonNullable(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((s) => arbitraryFromSchema(s, known)));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryFromSchema(s, known)));
  if (schema.allOf) return arbitraryFromSchema(Object.assign({}, ...schema.allOf) as JsonSchema, known);
  switch (schema.type) {
    case 'string':
      return stringOf(schema, known);
    case 'integer':
      return integerOf(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? arbitraryFromSchema(schema.items, known) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS)),
      });
    case 'object':
    case undefined: {
      if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
      // A login's email is a plain bounded string in the document; treat it as an email so logins can succeed.
      const hinted = (key: string, sub: JsonSchema): JsonSchema =>
        key === 'email' && sub.type === 'string' ? { ...sub, format: 'email' } : sub;
      const shape = Object.fromEntries(
        Object.entries(schema.properties).map(([key, sub]) => [key, arbitraryFromSchema(hinted(key, sub), known)]),
      );
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in shape) });
    }
    default:
      return fc.jsonValue();
  }
}
