import fc from 'fast-check';

/** Injection payloads for SQL, NoSQL, template, path and header contexts. */
export const INJECTION_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE identity.users; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5); --',
  "admin'--",
  '%27%20OR%201%3D1',
  '{"$gt": ""}',
  '{"$ne": null}',
  "'; return true; var x='",
  '{"$where": "sleep(1000)"}',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\\x00',
  '%00',
  '\r\nX-Injected: 1',
];

/** Strings that trip encoders, collations and storage: NUL, RTL override, zero-width, astral, lone surrogates. */
export const WEIRD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  '\uDFFF\uD800',
  'Ａｄｍｉｎ',
  'é' + '\u0301'.repeat(50),
  '\u0007\u0008\u001b[31m',
  'İıſK',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS),
  fc.constantFrom(...WEIRD_UNICODE),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  // Longer than any maxLength in the document (the largest is 16384), still under the body limit.
  fc.integer({ min: 257, max: 20_000 }).map((n) => 'A'.repeat(n)),
  fc.constant(''),
  fc.constant(' '),
);

/** A value of the wrong JSON type for almost any field. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 1.5, -0),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constantFrom({ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }),
  hostileString,
);

/** JSON text that nests `depth` arrays or objects. */
export const deepJson = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/**
 * Raw JSON text with prototype-pollution keys. Written as text: an object
 * literal with `__proto__` would set the prototype instead of a key.
 */
export const PROTO_POLLUTION_BODIES = [
  '{"__proto__":{"isAdmin":true,"roles":["admin"]}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":{"__proto__":{"polluted":1}}}',
  '[{"__proto__":{"polluted":1}}]',
];

/** Adds a `__proto__` key to a JSON object's text (the key is kept as data, not as the prototype). */
export const withProtoKey = (json: string): string =>
  json.startsWith('{') && json.length > 2 ? `{"__proto__":{"polluted":true},${json.slice(1)}` : json;

export interface RawBody {
  contentType: string | undefined;
  payload: string;
}

/** Bodies that are not what any operation accepts, as raw text with a content type. */
export const hostileRawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.record({ contentType: fc.constant('application/json'), payload: fc.constantFrom(...PROTO_POLLUTION_BODIES) }),
  fc.record({
    contentType: fc.constant('application/json'),
    payload: fc
      .tuple(fc.integer({ min: 33, max: 5_000 }), fc.constantFrom('array' as const, 'object' as const))
      .map(([d, k]) => deepJson(d, k)),
  }),
  fc.record({
    contentType: fc.constant('application/json'),
    payload: fc.constantFrom('{"a":', '{', 'nul', '{"a":1}}', "{'a':1}", '\u0000', '', '[1,2,', '{"a":1,"a":2}', '"\\ud800"'),
  }),
  // Larger than HTTP_BODY_LIMIT_BYTES (100 KiB by default).
  fc.constant({ contentType: 'application/json', payload: `{"a":"${'x'.repeat(110_000)}"}` }),
  // A huge array within the body limit.
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({ contentType: 'application/json', payload: `[${'1,'.repeat(n)}1]` })),
  fc.record({
    contentType: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json-patch+json',
      'text/html',
    ),
    payload: fc.constantFrom('a=1&b=2', '<a>1</a>', '{"a":1}', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'),
  }),
  fc.record({ contentType: fc.constant(undefined), payload: fc.constantFrom('{"a":1}', 'hello') }),
);
