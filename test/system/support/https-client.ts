import { Agent, request } from 'node:https';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test client: bodies are asserted field by field
  body: any;
  contentType: string;
  ms: number;
}

/** Thrown for a request that got no HTTP response at all (refused, reset, timed out). */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly ms: number,
  ) {
    super(message);
  }
}

/**
 * HTTPS to nginx with keep-alive, trusting only the test's own CA (the
 * self-signed certificate): a real TLS client, not rejectUnauthorized: false.
 */
export class HttpsClient {
  private readonly agent: Agent;

  constructor(
    readonly base: string,
    ca: Buffer,
    private readonly timeoutMs = 10_000,
  ) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 64 });
  }

  send(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<HttpResult> {
    const started = performance.now();
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise<HttpResult>((resolve, reject) => {
      const req = request(new URL(path, this.base), { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new NetworkError(e.message, performance.now() - started)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          let body: unknown = text;
          if (contentType.includes('json') && text) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, contentType, ms: performance.now() - started });
        });
      });
      req.setTimeout(options.timeoutMs ?? this.timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => reject(new NetworkError(e.message, performance.now() - started)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
