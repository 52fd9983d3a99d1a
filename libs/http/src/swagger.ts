import { INestApplication } from '@nestjs/common';
import { ApiSecurity, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './errors/problem-details';
import { type ContextDescriptor, REGISTERED_CONTEXTS } from '@keel/kernel';
import { DEFAULT_DESCRIPTIONS } from './api-problems.decorator';
import { ProblemResponseSchema } from './errors/problem.schema';
import { problemExample } from './errors/problem.examples';
import { SUNSET_EXTENSION } from './api-deprecated.decorator';
import { exampleFromSchema } from './openapi-examples';

/**
 * The platform's security scheme names, referenced by the decorators below and
 * by the document. A context's own schemes (a provider's webhook signature) come
 * from its descriptor (`openApi.securitySchemes`).
 */
export const SECURITY_SCHEMES = {
  user: 'bearer',
  admin: 'adminBearer',
} as const;

const JWT_PRACTICE =
  'HS256 pinned (no `alg` negotiation, never `none`), `iss`/`aud`/`exp` verified, short-lived (JWT_ACCESS_TTL_SECONDS), ' +
  'following RFC8725 (JSON Web Token Best Current Practices).';

/** Limits every operation shares, stated once rather than on each operation. */
const BOUNDARY_LIMITS =
  'Limits on every request: JSON bodies only (415 otherwise), at most HTTP_BODY_LIMIT_BYTES (413) and nested at most ' +
  'HTTP_JSON_MAX_DEPTH levels, without `__proto__` or `constructor.prototype` keys, NUL characters or unpaired UTF-16 ' +
  'surrogates (400); no NUL (`%00`) in URLs (400). Before any operation runs, ' +
  "Node's HTTP parser answers 431 when the request line and headers exceed HTTP_MAX_HEADER_BYTES and 408 when a request " +
  'is not received within 30 s; both as application/problem+json, then the connection is closed.';

/** Any signed-in user's access token. */
export const ApiUserAuth = () => ApiSecurity(SECURITY_SCHEMES.user);

/**
 * An admin's access token. Same token format as any user's, documented as its
 * own scheme because the requirement is different: the token's user must have
 * the admin role (a customer's token gets 403).
 */
export const ApiAdminAuth = () => ApiSecurity(SECURITY_SCHEMES.admin);

/** The platform's own tags, listed after the contexts' (which come from their descriptors, in registration order). */
const PLATFORM_TAGS: Array<[string, string]> = [
  ['operations', 'Liveness and readiness probes'],
  ['admin', 'Runtime administration (admin only)'],
];

// The limits and windows are configurable without an upper bound, so the values are bounded by their format only.
const integerHeader = (description: string, example: number) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647, example },
});

/**
 * Response headers documented once and referenced from every response. The
 * rate limiter (draft IETF RateLimit header fields) and CORS are global
 * concerns, so they are added to the document here rather than on each route.
 */
const HEADERS = {
  'RateLimit-Limit': integerHeader('Requests allowed in the current window (rate limiting enabled)', 100),
  'RateLimit-Remaining': integerHeader('Requests left in the current window (rate limiting enabled)', 99),
  'RateLimit-Reset': integerHeader('Seconds until the current window resets (rate limiting enabled)', 60),
  'Retry-After': integerHeader('Seconds to wait before retrying', 30),
  'Access-Control-Allow-Origin': {
    description: "Present only when the request's Origin is in CORS_ORIGINS; it then echoes that origin",
    schema: { type: 'string', format: 'uri', maxLength: 2048, example: 'https://shop.example.com' },
  },
};
/** The headers of a deprecated operation's responses (@ApiDeprecated), in the document only when one is. */
const DEPRECATION_HEADERS = {
  Deprecation: {
    description: 'On a deprecated operation (RFC 9745): when it was deprecated, as `@<epoch seconds>`. See Sunset.',
    schema: { type: 'string', pattern: '^@[0-9]{1,12}$', maxLength: 13, example: '@1768435200' },
  },
  Sunset: {
    description: 'On a deprecated operation (RFC 8594): the HTTP date after which it stops working',
    schema: {
      type: 'string',
      pattern: '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$',
      maxLength: 29,
      example: 'Wed, 30 Jun 2027 00:00:00 GMT',
    },
  },
};
const headerRef = (name: keyof typeof HEADERS | keyof typeof DEPRECATION_HEADERS) => ({ $ref: `#/components/headers/${name}` });

type ResponseObject = { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> };
type OperationObject = { responses?: Record<string, ResponseObject>; deprecated?: boolean; [SUNSET_EXTENSION]?: unknown };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITE_METHODS = new Set<string>(['put', 'post', 'delete', 'patch']);
/** The body parser refuses these for any write, before the route runs, whatever the route expects. */
const BODY_PARSER_STATUSES = ['413', '415'];

const problemResponse = (status: string): ResponseObject => ({
  description: DEFAULT_DESCRIPTIONS[Number(status)],
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${ProblemResponseSchema.name}` } } },
});

/**
 * Gives every problem+json response without one an example of the body that status
 * really carries (the type and title the error mapping sends, the operation's path as
 * `instance`), so a generated client's docs, a mock server and a reader of the document
 * see a 404 as a 404, not the schema's generic 400.
 */
function addProblemExamples(path: string, responses: Record<string, ResponseObject>): void {
  for (const [status, response] of Object.entries(responses)) {
    const media = response.content?.[PROBLEM_CONTENT_TYPE] as { example?: unknown; examples?: unknown } | undefined;
    if (!media || media.example !== undefined || media.examples !== undefined) continue;
    media.example = problemExample(Number(status), path);
  }
}

/** Every other response body gets the whole example its schema's field examples make (exampleFromSchema). */
function addBodyExamples(responses: Record<string, ResponseObject>, schemas: Record<string, object>): void {
  for (const response of Object.values(responses)) {
    for (const media of Object.values(response.content ?? {}) as Array<{ schema?: object; example?: unknown; examples?: unknown }>) {
      if (media.example !== undefined || media.examples !== undefined) continue;
      const example = exampleFromSchema(media.schema, schemas);
      if (example !== undefined) media.example = example;
    }
  }
}

/**
 * Adds what every route shares to the generated document: 400 (a malformed
 * URL) on every operation, the body parser's 413/415 on every write, CORS on every
 * response, and the RateLimit headers on every 2xx/4xx (and Retry-After on the
 * 429) of each rate-limited operation. An operation is rate limited when it
 * documents a 429, which `ApiProblems` always adds; the probes, exempt from
 * rate limiting, document none.
 */
export function addSharedResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...HEADERS } };
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (pathItem as Record<string, OperationObject | undefined>)[method];
      if (!operation?.responses) continue;
      // Any request can be refused as malformed before its route runs (a NUL in the URL, bad percent-encoding).
      operation.responses['400'] ??= problemResponse('400');
      if (WRITE_METHODS.has(method)) {
        for (const status of BODY_PARSER_STATUSES) operation.responses[status] ??= problemResponse(status);
      }
      addProblemExamples(path, operation.responses);
      addBodyExamples(operation.responses, (document.components?.schemas ?? {}) as Record<string, object>);
      // @ApiDeprecated: deprecated in the document, and the headers every response then carries described.
      const deprecation = operation[SUNSET_EXTENSION];
      if (deprecation) {
        operation.deprecated = true;
        document.components.headers = { ...document.components.headers, ...DEPRECATION_HEADERS };
      }
      const rateLimited = '429' in operation.responses;
      for (const [status, response] of Object.entries(operation.responses)) {
        const headers: Record<string, unknown> = {
          ...response.headers,
          'Access-Control-Allow-Origin': headerRef('Access-Control-Allow-Origin'),
        };
        if (rateLimited && /^[24]/.test(status)) {
          headers['RateLimit-Limit'] = headerRef('RateLimit-Limit');
          headers['RateLimit-Remaining'] = headerRef('RateLimit-Remaining');
          headers['RateLimit-Reset'] = headerRef('RateLimit-Reset');
        }
        if (status === '429') headers['Retry-After'] = headerRef('Retry-After');
        if (deprecation) {
          headers.Deprecation = headerRef('Deprecation');
          headers.Sunset = headerRef('Sunset');
        }
        response.headers = headers;
      }
    }
  }
  return document;
}

export interface SwaggerOptions {
  title: string;
  version: string;
  description: string;
  /** Public https URL of the API (PUBLIC_BASE_URL), listed as the production server. */
  publicBaseUrl?: string;
}

/**
 * Builds the OpenAPI document of an application, with what every route shares
 * added (addSharedResponses). Tags and security schemes of the contexts come
 * from the descriptors the app was started with (`PlatformModule.forRoot({ contexts })`).
 */
export function buildOpenApiDocument(app: INestApplication, info: SwaggerOptions): OpenAPIObject {
  const contexts = app.get<readonly ContextDescriptor[]>(REGISTERED_CONTEXTS, { strict: false });
  const builder = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(`${info.description}\n\n${BOUNDARY_LIMITS}`)
    .setVersion(info.version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `Access token from POST /api/v1/auth/login. ${JWT_PRACTICE}` },
      SECURITY_SCHEMES.user,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: `Access token of a user with the admin role (others get 403). ${JWT_PRACTICE}`,
      },
      SECURITY_SCHEMES.admin,
    );
  for (const context of contexts) {
    for (const [name, scheme] of Object.entries(context.openApi?.securitySchemes ?? {})) builder.addSecurity(name, scheme);
  }
  for (const context of contexts) {
    for (const tag of context.openApi?.tags ?? []) builder.addTag(tag.name, tag.description);
  }
  for (const [name, description] of PLATFORM_TAGS) builder.addTag(name, description);
  // The public https URL when configured; then a relative server, so Swagger UI and clients reading
  // /docs-json call the instance that served it (whatever its environment) and no plain http URL is advertised.
  if (info.publicBaseUrl) builder.addServer(info.publicBaseUrl, 'Public API (production)');
  builder.addServer('/', 'The instance serving this document (local, staging or production)');
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemResponseSchema],
    // Operation ids are the names generated clients give their methods, so they are part of the
    // contract: each operation states its own (`@ApiOperation({ operationId: 'placeOrder' })`), and
    // one that does not falls back to its handler's name, never Nest's `<Controller>_<method>_v1`
    // (class names are not API). The Spectral rule keel-operation-id checks the result.
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  // Every server is public: the API has no internal-only deployment.
  document.servers = document.servers?.map((server) => ({ ...server, 'x-internal': false }));
  return addSharedResponses(document);
}

/**
 * Serves Swagger UI at /docs and the OpenAPI document at /docs-json. The document
 * is built on the first request for it, not at boot: scanning every controller
 * took 0.2–0.4 s of CPU of each start (a third of an `npm run dev` restart, from a
 * CPU profile), and most instances never serve it. Its content does not change
 * while the process runs, so it is built once.
 */
export function setupSwagger(app: INestApplication, info: SwaggerOptions): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, info), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
