/**
 * Paths pino removes from every log line. Secrets in bodies are never logged
 * (bodies are not logged at all) but handlers may log objects: cover common names.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-razorpay-signature"]',
  'req.headers["proxy-authorization"]',
  // Outbound calls (provider clients) and errors that carry the request they made.
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["stripe-signature"]',
  '*.headers["x-razorpay-signature"]',
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
  // Connection strings embed passwords (DATABASE_URL, REDIS_URL, SMTP_URL).
  'connectionString',
  '*.connectionString',
  'apiKey',
  '*.apiKey',
  'webhookSecret',
  '*.webhookSecret',
];
