import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../support/processes';
import { portOpen } from '../../support/redis-server';

/** How long nginx takes an instance out after a failed attempt (passive health check). */
export const NGINX_FAIL_TIMEOUT_S = 2;
/**
 * nginx closes idle upstream keep-alive connections after this long. It must be
 * shorter than the API's SHUTDOWN_DRAIN_MS, so that when an instance stops
 * accepting after its drain, nginx holds no idle connection to it that a POST
 * could be written to while the instance closes it (nginx never retries a POST
 * once it has been sent).
 */
export const NGINX_UPSTREAM_KEEPALIVE_S = 2;

/** A self-signed certificate for 127.0.0.1 / localhost; the load generator trusts it as its CA. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/**
 * Real nginx terminating TLS on loopback in front of the API instances: round
 * robin, passive health checks (max_fails/fail_timeout), retries of idempotent
 * requests on the other instance, every path under its own prefix dir.
 */
export class Nginx {
  private child?: ChildProcess;
  readonly dir: string;

  constructor(
    baseDir: string,
    readonly port: number,
    private readonly upstreamPorts: number[],
    private readonly tls: { cert: string; key: string },
  ) {
    this.dir = join(baseDir, 'nginx');
    for (const sub of ['', 'logs', 'tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi', 'cache/media']) {
      mkdirSync(join(this.dir, sub), { recursive: true });
    }
    // nginx's worker runs as `nobody` when started by root and buffers bodies into these.
    if (process.getuid?.() === 0) for (const sub of ['tmp/body', 'tmp/proxy', 'cache/media']) chownSync(join(this.dir, sub), 65534, 65534);
  }

  get accessLog(): string {
    return join(this.dir, 'logs', 'access.log');
  }

  get errorLog(): string {
    return join(this.dir, 'logs', 'error.log');
  }

  config(): string {
    const servers = this.upstreamPorts
      .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=${NGINX_FAIL_TIMEOUT_S}s;`)
      .join('\n');
    const d = this.dir;
    return `worker_processes 1;
pid ${d}/nginx.pid;
error_log ${d}/logs/error.log warn;
events { worker_connections 2048; }
http {
  client_body_temp_path ${d}/tmp/body;
  proxy_temp_path ${d}/tmp/proxy;
  fastcgi_temp_path ${d}/tmp/fastcgi;
  uwsgi_temp_path ${d}/tmp/uwsgi;
  scgi_temp_path ${d}/tmp/scgi;
  server_tokens off;
  log_format keel '$time_iso8601 $request_method $uri $status $request_time upstream=$upstream_addr upstream_status=$upstream_status';
  access_log ${d}/logs/access.log keel;

  map $http_x_request_id $keel_request_id {
    default $http_x_request_id;
    ""      $request_id;
  }

  # As docker/nginx/nginx.conf: product images cached at the edge, as the API's immutable Cache-Control allows.
  proxy_cache_path ${d}/cache/media levels=1:2 keys_zone=keel_media:10m max_size=100m inactive=7d use_temp_path=off;

  upstream keel_api {
${servers}
    keepalive 32;
    keepalive_timeout ${NGINX_UPSTREAM_KEEPALIVE_S}s;
  }

  server {
    listen 127.0.0.1:${this.port} ssl;
    ssl_certificate ${this.tls.cert};
    ssl_certificate_key ${this.tls.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_timeout 30s;

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Request-Id $keel_request_id;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 1s;
    proxy_send_timeout 35s;
    proxy_read_timeout 35s;
    proxy_next_upstream_tries 2;
    proxy_next_upstream_timeout 10s;
    # When every instance is marked down nginx itself answers; keep the API's
    # error format for that too instead of nginx's HTML page.
    error_page 502 504 = @no_instance;

    location / {
      proxy_pass http://keel_api;
      # Idempotent requests go to the other instance when one is down or answers
      # 502/503/504; nginx never re-sends a POST that reached an instance.
      proxy_next_upstream error timeout http_502 http_503 http_504;
    }

    # Placing an order requires an Idempotency-Key (the API refuses it without one) and
    # provider webhooks are deduplicated by event id, so re-sending them to the other
    # instance is safe (non_idempotent). This closes the one gap the drain cannot: a
    # request nginx wrote to an instance in the instant it stops accepting (a fresh
    # connection still in the closed listener's backlog is reset) would otherwise be
    # a 502. Other POSTs (register, login, cancel) are never re-sent.
    location = /api/v1/orders {
      proxy_pass http://keel_api;
      proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
    }

    location /api/v1/payments/webhooks/ {
      proxy_pass http://keel_api;
      proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
    }

    location ^~ /media/ {
      proxy_pass http://keel_api;
      proxy_cache keel_media;
      proxy_cache_valid 404 1m;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_502 http_503 http_504;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      add_header X-Cache-Status $upstream_cache_status always;
    }

    location @no_instance {
      default_type application/problem+json;
      add_header Retry-After 1 always;
      return 503 '{"type":"https://keel.dev/problems/unavailable","title":"Service Unavailable","status":503,"detail":"No API instance is available; retry later.","instance":"$request_uri","requestId":"$keel_request_id"}';
    }
  }
}
`;
  }

  async start(): Promise<void> {
    const conf = join(this.dir, 'nginx.conf');
    writeFileSync(conf, this.config());
    execFileSync('nginx', ['-t', '-p', this.dir, '-c', conf], { stdio: 'pipe' });
    const child = spawn('nginx', ['-p', this.dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${this.errors()}`);
        return portOpen(this.port);
      },
      'nginx up',
      15_000,
    );
  }

  errors(): string {
    return existsSync(this.errorLog) ? readFileSync(this.errorLog, 'utf8') : '';
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGQUIT'); // graceful: finish open requests
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }

  /** SIGTERM, not SIGKILL: the master must live long enough to take its worker down with it. */
  stopNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}
