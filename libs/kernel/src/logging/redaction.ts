/**
 * Paths pino removes from every log line. Secrets in bodies are never logged
 * (bodies are not logged at all) but handlers may log objects: cover common names.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  // Outbound calls (provider clients) and errors that carry the request they made.
  '*.headers.authorization',
  '*.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'newPassword',
  'passwordHash',
  'accessToken',
  'refreshToken',
  'token',
  'secret',
  '*.password',
  '*.newPassword',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
  '*.authorization',
  // Connection strings embed passwords (DATABASE_URL, REDIS_URL, a mail server's URL).
  'connectionString',
  '*.connectionString',
  'apiKey',
  '*.apiKey',
  'webhookSecret',
  '*.webhookSecret',
];

/**
 * REDACTED_PATHS plus the headers that carry a secret in some context (a
 * provider's webhook signature, declared in its descriptor's `secretHeaders`),
 * on incoming requests and on the outbound calls and errors that carry them.
 */
export function redactedPaths(secretHeaders: readonly string[] = []): string[] {
  const headers = [...new Set(secretHeaders.map((name) => name.toLowerCase()))];
  return [...REDACTED_PATHS, ...headers.flatMap((name) => [`req.headers["${name}"]`, `*.headers["${name}"]`])];
}

/**
 * A request URL as logged: the value of a `token` query parameter (the one-time
 * links of account emails, `/verify-email?token=…`) is replaced, so an access log
 * never holds a usable link.
 */
export const redactUrl = (url: string): string => url.replace(/([?&]token=)[^&#]*/gi, '$1[REDACTED]');
