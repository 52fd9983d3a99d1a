import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { say, write } from './console-output';
import { SupervisedProcess } from './supervised-process';

export interface SourceWatcherOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Preloaded into the watcher so it ends with the launcher (orphan-guard.ts). */
  preload: string;
  /** Called with the build outputs (paths relative to root) whose content changed, after a quiet period. */
  onChange: (outputs: string[]) => void;
  debounceMs?: number;
}

const COMPILED = /^Successfully (compiled|copied) (.+) with swc \(/;
const WATCHING = 'Watching for file changes.';

/**
 * `npm run build` in watch mode: the build script's own swc command (read from
 * package.json, so the dev loop compiles exactly what the build compiles) with
 * `--watch` instead of `--quiet`. @swc/cli recompiles each saved file (with
 * chokidar) and prints one line per file, which tells us which output was
 * rewritten and that it is complete. A restart follows only when an output's
 * content changed (source maps aside), and a burst of saves makes one restart.
 */
export class SourceWatcher {
  private readonly hashes = new Map<string, string>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private process?: SupervisedProcess;
  private readonly outDir: string;
  private readonly swcArgs: string[];

  constructor(private readonly options: SourceWatcherOptions) {
    const build = (JSON.parse(readFileSync(join(options.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
      'build:swc'
    ];
    // `build` is `build:swc` plus linking dist/node_modules/@keel/<lib>; `npm run dev` ran the whole
    // build once, so only the swc step is watched.
    if (!build) throw new Error('npm run dev expects a build:swc script in package.json');
    const [tool, ...args] = build.trim().split(/\s+/);
    if (tool !== 'swc') throw new Error(`npm run dev expects the build script to be an swc command, found: ${build}`);
    const outFlag = args.findIndex((a) => a === '-d' || a === '--out-dir');
    this.outDir = args[outFlag + 1] ?? 'dist';
    this.swcArgs = [...args.filter((a) => a !== '--quiet'), '--watch'];
  }

  /** Resolves once swc has compiled everything once and watches; outputs are fingerprinted from then on. */
  async start(): Promise<void> {
    let watching: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (watching = resolve));
    const swc = require.resolve('@swc/cli/bin/swc.js', { paths: [this.options.root] });
    this.process = new SupervisedProcess({
      name: 'swc',
      command: process.execPath,
      args: ['--require', this.options.preload, swc, ...this.swcArgs],
      env: this.options.env,
      cwd: this.options.root,
      onLine: (line, stream) => {
        const compiled = COMPILED.exec(line);
        if (compiled) return this.rebuilt(compiled[1] === 'compiled' ? outputOf(compiled[2] as string) : (compiled[2] as string));
        if (line.startsWith(WATCHING)) {
          this.fingerprintAll();
          return watching();
        }
        if (!line.startsWith('Successfully compiled:')) write(stream, `[swc] ${line}`);
      },
      onUnexpectedExit: (how) => say(`the swc watcher exited (${how}); saved files are no longer rebuilt`),
    });
    await ready;
  }

  stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    return this.process?.stop() ?? Promise.resolve();
  }

  private rebuilt(source: string): void {
    const output = join(this.outDir, source);
    const hash = fingerprint(join(this.options.root, output));
    if (this.hashes.get(output) === hash) return; // e.g. a save without a change, or only whitespace
    this.hashes.set(output, hash);
    this.pending.add(output);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const outputs = [...this.pending];
      this.pending.clear();
      this.options.onChange(outputs);
    }, this.options.debounceMs ?? 100);
  }

  private fingerprintAll(): void {
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (!entry.name.endsWith('.map')) this.hashes.set(relative(this.options.root, path), fingerprint(path));
      }
    };
    walk(join(this.options.root, this.outDir));
  }
}

/** What swc writes for a source file (its --out-file-extension is not used by the build). */
function outputOf(source: string): string {
  return source.replace(/\.(c|m)?tsx?$/, (_, kind: string | undefined) => (kind ? `.${kind}js` : '.js'));
}

function fingerprint(path: string): string {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return ''; // removed
  }
}
