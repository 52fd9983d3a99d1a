import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ROOT } from './processes';

/**
 * The edge (docker/nginx/nginx.conf with its WAF rules in docker/nginx/modsecurity/) run by a
 * real nginx on loopback, for test/e2e/security/nginx-*.e2e-spec.ts. nginx and the ModSecurity
 * module must be installed (.ci/run installs nginx-light, libnginx-mod-http-modsecurity and
 * modsecurity-crs): without them the specs fail rather than skip.
 */
export const NGINX = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(delimiter)]
  .map((dir) => join(dir, 'nginx'))
  .find((candidate) => existsSync(candidate));

export interface EdgeSettings {
  dir: string;
  httpPort: number;
  httpsPort: number;
  upstreams: string[];
  /** Also serve the TLS server block over plain HTTP on this port (clients that cannot trust a throw-away CA). */
  plainPort?: number;
  /** The stub_status server's port (8080 in the image). */
  statusPort: number;
}

/**
 * docker/nginx/nginx.conf as it ships, with only what differs on a test machine
 * rewritten: upstream servers, listen ports, certificate, WAF rules, log and temp paths.
 * Every rewrite must find its target, so a change to the production file that the
 * test would silently stop covering fails here instead.
 */
export function renderNginxConfig(template: string, settings: EdgeSettings): string {
  let config = template;
  const rewrite = (pattern: RegExp, replacement: string | ((match: string, ...groups: string[]) => string)) => {
    if (!pattern.test(config)) throw new Error(`docker/nginx/nginx.conf no longer contains ${pattern}`);
    config = config.replace(pattern, replacement as string);
  };
  rewrite(/^worker_processes auto;$/m, 'worker_processes 1;');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${settings.dir}/${kind}_temp;`);
  rewrite(/^http \{$/m, `http {\n${temp.join('\n')}`);
  rewrite(/^(\s*)server api-1:3000 ([^;]*);\n\s*server api-2:3000 [^;]*;$/m, (_m, indent: string, params: string) =>
    settings.upstreams.map((upstream) => `${indent}server ${upstream} ${params};`).join('\n'),
  );
  rewrite(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${settings.httpPort};`);
  rewrite(/^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${settings.statusPort};`);
  const plain = settings.plainPort ? `\n        listen 127.0.0.1:${settings.plainPort};` : '';
  rewrite(/^(\s*)listen 443 ssl http2;$/m, `$1listen 127.0.0.1:${settings.httpsPort} ssl http2;${plain}`);
  rewrite(/\/var\/log\/nginx\/edge-metrics\/access\.log/, `${settings.dir}/edge-metrics.log`);
  rewrite(/\/etc\/nginx\/certs\//g, `${settings.dir}/`);
  rewrite(/\/var\/cache\/nginx\/keel_media/g, `${settings.dir}/media_cache`);
  rewrite(/modsecurity_rules_file \/etc\/nginx\/modsecurity\/main\.conf;/, `modsecurity_rules_file ${settings.dir}/modsecurity/main.conf;`);
  // Node gives a child sockets, not ttys or pipes, for stdio: nginx cannot open /dev/std* on them.
  rewrite(/\/dev\/stdout/g, `${settings.dir}/access.log`);
  rewrite(/\/dev\/stderr/g, `${settings.dir}/error.log`);
  return config;
}

/** docker/nginx/modsecurity/*.conf as they ship (main.conf includes the others by relative path). */
function writeWafRules(dir: string): void {
  const source = join(ROOT, 'docker/nginx/modsecurity');
  mkdirSync(join(dir, 'modsecurity'), { recursive: true });
  for (const file of readdirSync(source).filter((name) => name.endsWith('.conf'))) {
    writeFileSync(join(dir, 'modsecurity', file), readFileSync(join(source, file)));
  }
}

export interface RunningEdge {
  dir: string;
  /** The per-request lines mtail tails (docker/mtail/nginx.mtail). */
  metricsLog: string;
  /** The self-signed certificate nginx serves (its own CA). */
  ca: Buffer;
  /** stdout and stderr of the nginx process. */
  output(): string;
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Renders the edge config into a fresh directory with a throw-away certificate and starts nginx on it. */
export async function startEdge(settings: Omit<EdgeSettings, 'dir'>, ready: (edge: RunningEdge) => Promise<void>): Promise<RunningEdge> {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs)');
  const dir = mkdtempSync(join(tmpdir(), 'keel-nginx-'));
  // nginx's workers run as an unprivileged user when started by root: they need to traverse into dir.
  chmodSync(dir, 0o755);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'),
  ], { stdio: 'ignore' }); // prettier-ignore
  writeWafRules(dir);
  writeFileSync(
    join(dir, 'nginx.conf'),
    renderNginxConfig(readFileSync(join(ROOT, 'docker/nginx/nginx.conf'), 'utf8'), { ...settings, dir }),
  );
  const args = ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid;`];
  execFileSync(NGINX, [...args, '-t'], { stdio: 'pipe' });
  const nginx: ChildProcess = spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  nginx.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  nginx.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : '');
  const edge: RunningEdge = {
    dir,
    metricsLog: join(dir, 'edge-metrics.log'),
    ca: readFileSync(join(dir, 'tls.crt')),
    output: () => output,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log'),
    stop: async () => {
      if (nginx.exitCode === null) {
        const exited = new Promise((done) => nginx.once('exit', done));
        nginx.kill('SIGQUIT'); // graceful: workers finish, then the master exits
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await ready(edge);
  } catch (error) {
    const said = `${output}${edge.errorLog()}`.slice(-2000);
    await edge.stop();
    throw new Error(`${(error as Error).message}; nginx said: ${said}`);
  }
  return edge;
}
