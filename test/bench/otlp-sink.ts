import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink swallowed: export requests and their body bytes as sent (compressed if the exporter compresses). */
export interface OtlpTraffic {
  requests: number;
  bytes: number;
}

const SIGNALS = ['/v1/traces', '/v1/metrics', '/v1/logs'] as const;

/**
 * An OTLP/HTTP receiver that accepts every export and discards it (issue 13).
 * The Keel processes under load get its address as OTEL_EXPORTER_OTLP_ENDPOINT,
 * so the bench measures tracing that records and sends spans, as production
 * does to its collector, without a collector's CPU on the measured machine.
 * Nothing is parsed: it only counts what it received, which is the proof that
 * spans were exported (test/support/otlp-collector.ts is the one that reads spans).
 */
export class OtlpSink {
  private readonly traffic = new Map<string, OtlpTraffic>(SIGNALS.map((path) => [path, { requests: 0, bytes: 0 }]));

  private constructor(
    private readonly server: Server,
    /** The endpoint for OTEL_EXPORTER_OTLP_ENDPOINT (the exporters append /v1/<signal>). */
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpSink> {
    const server = createServer();
    // Port 0: the kernel picks a free one, so no other process can take it between choosing and listening.
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ok());
    });
    const sink = new OtlpSink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => sink.receive(req, res));
    return sink;
  }

  /** Traffic so far per signal path, copied (callers diff two readings around a scenario). */
  bySignal(): Record<string, OtlpTraffic> {
    return Object.fromEntries([...this.traffic].map(([path, t]) => [path, { ...t }]));
  }

  traces(): OtlpTraffic {
    return { ...this.traffic.get('/v1/traces')! };
  }

  async stop(): Promise<void> {
    // Exporters keep their connections alive: without this, close() would wait for them to time out.
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const counted = req.method === 'POST' ? this.traffic.get((req.url ?? '').split('?')[0]) : undefined;
    if (!counted) {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      counted.requests += 1;
      counted.bytes += bytes;
      // An empty Export*ServiceResponse means full success, in JSON ({}) and in protobuf (zero bytes) alike.
      const json = req.headers['content-type']?.includes('json') ?? false;
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' }).end(json ? '{}' : '');
    });
  }
}
