import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { arbitraryFromSchema, type JsonSchema, type KnownValues } from './schema-arbitrary';
import { hostileRawBody, hostileString, type RawBody, withProtoKey, wrongTypeValue } from './hostile';

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface ResponseObject {
  content?: Record<string, { schema?: JsonSchema }>;
  headers?: Record<string, unknown>;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
}

export type AuthKind = 'none' | 'garbage' | 'user' | 'admin';

/** One operation of the (dereferenced) document, ready to fuzz. */
export interface FuzzOperation {
  id: string;
  method: string;
  path: string;
  parameters: ParameterObject[];
  bodySchema?: JsonSchema;
  bodyRequired: boolean;
  responses: Record<string, ResponseObject>;
  /** Security schemes, any one of which is enough; empty = public. */
  schemes: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function operationsOf(document: { paths: Record<string, Record<string, OperationObject>> }): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const json = op.requestBody?.content?.['application/json'];
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        bodySchema: json?.schema,
        bodyRequired: op.requestBody?.required ?? false,
        responses: op.responses,
        schemes: (op.security ?? []).flatMap((requirement) => Object.keys(requirement)),
      });
    }
  }
  return operations;
}

/** One generated request, before it is turned into an HTTP request. */
export interface FuzzCase {
  pathValues: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: { json: unknown } | { raw: RawBody };
  auth: AuthKind;
  /** What was made hostile (for the failure report). */
  hostile: string[];
}

export interface AuthTokens {
  user: string;
  admin: string;
}

/** A header value inject (and any HTTP client) can carry: no CR/LF/NUL, latin1 only. */
const headerSafe = (value: string) => (/^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? value : 'not-latin1');

const encode = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    // Lone surrogates cannot be encoded as UTF-8: send the bytes a careless client would (invalid UTF-8).
    return [...value].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
};

export function buildRequest(op: FuzzOperation, c: FuzzCase, tokens: AuthTokens) {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(c.pathValues[name] ?? ''));
  const search = Object.entries(c.query)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encode(key)}=${encode(v)}`))
    .join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.headers)) headers[name] = value;
  if (c.auth === 'user') headers.authorization = `Bearer ${tokens.user}`;
  if (c.auth === 'admin') headers.authorization = `Bearer ${tokens.admin}`;
  if (c.auth === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.';
  let payload: string | undefined;
  if (c.body && 'json' in c.body) {
    payload = JSON.stringify(c.body.json);
    headers['content-type'] = 'application/json';
  } else if (c.body && 'raw' in c.body) {
    payload = c.body.raw.payload;
    if (c.body.raw.contentType) headers['content-type'] = c.body.raw.contentType;
  }
  return { method: op.method, url: search ? `${path}?${search}` : path, headers, payload };
}

const pick = <T>(values: T[]) => fc.constantFrom(...values);

/** The arbitrary of requests for one operation: half schema-valid, half with one or more hostile parts. */
export function caseArbitrary(op: FuzzOperation, known: KnownValues): fc.Arbitrary<FuzzCase> {
  const params = (where: ParameterObject['in']) => op.parameters.filter((p) => p.in === where);
  const valuesOf = (where: ParameterObject['in']) => {
    const shape: Record<string, fc.Arbitrary<string>> = {};
    for (const p of params(where)) {
      const value = arbitraryFromSchema(p.schema ?? { type: 'string' }, known).map(String);
      shape[p.name] = where === 'header' ? value.map(headerSafe) : value;
    }
    const required = params(where)
      .filter((p) => p.required || where === 'path')
      .map((p) => p.name);
    return fc.record(shape, { requiredKeys: required });
  };
  const auth: fc.Arbitrary<AuthKind> =
    op.schemes.length === 0
      ? fc.constantFrom<AuthKind>('none', 'none', 'garbage', 'user')
      : op.schemes.includes('adminBearer')
        ? fc.constantFrom<AuthKind>('admin', 'admin', 'admin', 'user', 'none', 'garbage')
        : op.schemes.includes('bearer')
          ? fc.constantFrom<AuthKind>('user', 'user', 'user', 'admin', 'none', 'garbage')
          : fc.constantFrom<AuthKind>('none', 'garbage');
  const body: fc.Arbitrary<FuzzCase['body']> = op.bodySchema
    ? arbitraryFromSchema(op.bodySchema, known).map((json) => ({ json }))
    : fc.constant(undefined);

  const valid = fc.record({
    pathValues: valuesOf('path'),
    query: valuesOf('query') as fc.Arbitrary<Record<string, string | string[]>>,
    headers: valuesOf('header'),
    body,
    auth,
    hostile: fc.constant<string[]>([]),
  });

  const mutation = (c: FuzzCase): fc.Arbitrary<FuzzCase> => {
    const options: Array<fc.Arbitrary<FuzzCase>> = [];
    const pathNames = params('path').map((p) => p.name);
    if (pathNames.length > 0) {
      options.push(
        fc
          .tuple(pick(pathNames), fc.oneof(hostileString, fc.constantFrom('not-a-uuid', '1', '00000000-0000-0000-0000-00000000000g')))
          .map(([name, value]) => ({ ...c, pathValues: { ...c.pathValues, [name]: value }, hostile: [...c.hostile, `path.${name}`] })),
      );
    }
    const queryNames = params('query').map((p) => p.name);
    options.push(
      fc
        .tuple(
          fc.oneof(
            ...(queryNames.length > 0 ? [pick(queryNames)] : []),
            fc.constantFrom('__proto__[polluted]', 'constructor[prototype][polluted]', '__proto__', 'limit[$gt]', 'unknown'),
          ),
          fc.oneof(
            hostileString,
            fc.constantFrom('-1', '0', '101', '1e3', '0x10', 'NaN', 'Infinity', '2147483648', 'true', '[]', '{}'),
            fc.array(fc.constantFrom('1', '2', 'x'), { minLength: 2, maxLength: 3 }),
          ),
        )
        .map(([name, value]) => ({ ...c, query: { ...c.query, [name]: value }, hostile: [...c.hostile, `query.${name}`] })),
    );
    const headerNames = params('header').map((p) => p.name);
    if (headerNames.length > 0) {
      options.push(
        fc
          // Only values an HTTP client can send at all (Node refuses CR/LF and non-latin1 before sending).
          .tuple(pick(headerNames), fc.oneof(hostileString, fc.constant('')).map(headerSafe))
          .map(([name, value]) => ({ ...c, headers: { ...c.headers, [name]: value }, hostile: [...c.hostile, `header.${name}`] })),
      );
      options.push(
        pick(headerNames).map((name) => {
          const headers = { ...c.headers };
          delete headers[name];
          return { ...c, headers, hostile: [...c.hostile, `header.${name} missing`] };
        }),
      );
    }
    // Bodies: hostile raw text for every write (also those that take none), structured mutations where a schema exists.
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method)) {
      options.push(hostileRawBody.map((raw) => ({ ...c, body: { raw }, hostile: [...c.hostile, 'body.raw'] })));
    }
    if (op.bodySchema) {
      const json = c.body && 'json' in c.body ? c.body.json : undefined;
      const keys = Object.keys(op.bodySchema.properties ?? {});
      options.push(
        fc.jsonValue({ maxDepth: 4 }).map((value) => ({ ...c, body: { json: value }, hostile: [...c.hostile, 'body.random-json'] })),
        wrongTypeValue.map((value) => ({ ...c, body: { json: value }, hostile: [...c.hostile, 'body.wrong-type'] })),
      );
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        const object = json as Record<string, unknown>;
        options.push(
          fc.constant({
            ...c,
            body: { raw: { contentType: 'application/json', payload: withProtoKey(JSON.stringify(object)) } },
            hostile: [...c.hostile, 'body.__proto__'],
          }),
          fc
            .tuple(fc.oneof(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), fc.string({ maxLength: 12 })), wrongTypeValue)
            .map(([key, value]) => ({ ...c, body: { json: { ...object, [key]: value } }, hostile: [...c.hostile, `body.${key}`] })),
        );
        if (keys.length > 0) {
          options.push(
            pick(keys).map((key) => {
              const copy = { ...object };
              delete copy[key];
              return { ...c, body: { json: copy }, hostile: [...c.hostile, `body.${key} missing`] };
            }),
          );
        }
      }
    }
    return fc.oneof(...options);
  };

  const hostile = valid.chain((c) => fc.integer({ min: 1, max: 2 }).chain((n) => (n === 1 ? mutation(c) : mutation(c).chain(mutation))));
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

/** JSON Schema validation of request parts and response bodies (OpenAPI 3.0 flavour: `nullable`, formats). */
export class SchemaValidator {
  private readonly strict = new Ajv({ strict: false, allErrors: true });
  private readonly coercing = new Ajv({ strict: false, coerceTypes: true });
  private readonly cache = new Map<JsonSchema, { strict: ValidateFunction; coercing: ValidateFunction }>();

  constructor() {
    addFormats(this.strict);
    addFormats(this.coercing);
  }

  private compiled(schema: JsonSchema) {
    let entry = this.cache.get(schema);
    if (!entry) {
      entry = { strict: this.strict.compile(schema), coercing: this.coercing.compile(structuredClone(schema)) };
      this.cache.set(schema, entry);
    }
    return entry;
  }

  /** Errors of `value` against `schema`, or null when it is valid. */
  errors(schema: JsonSchema, value: unknown): string | null {
    const validate = this.compiled(schema).strict;
    return validate(value) ? null : this.strict.errorsText(validate.errors);
  }

  /** Whether the whole request is valid per the document (path, query and header values are strings on the wire). */
  requestIsValid(op: FuzzOperation, c: FuzzCase): boolean {
    for (const p of op.parameters) {
      const raw =
        p.in === 'path' ? c.pathValues[p.name] : p.in === 'query' ? c.query[p.name] : p.in === 'header' ? c.headers[p.name] : undefined;
      if (raw === undefined || raw === '') {
        if (p.required || p.in === 'path') return false;
        continue;
      }
      if (Array.isArray(raw)) return false;
      // Coercion turns "12" into 12 for integer parameters, as the server's DTOs do.
      if (p.schema && !this.compiled(p.schema).coercing({ value: raw }.value)) return false;
    }
    if (!op.bodySchema) return true;
    if (!c.body) return !op.bodyRequired;
    let value: unknown;
    if ('json' in c.body) value = c.body.json;
    else {
      if (!c.body.raw.contentType?.startsWith('application/json')) return false;
      try {
        value = JSON.parse(c.body.raw.payload);
      } catch {
        return false;
      }
    }
    return this.errors(op.bodySchema, value) === null;
  }
}
