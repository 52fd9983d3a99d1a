import { ChildProcess, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { forEachLine, write } from './console-output';

export interface SupervisedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Keep a pipe to its stdin (see send). */
  stdin?: boolean;
  /** Receives each output line instead of the terminal. */
  onLine?: (line: string, stream: NodeJS.WriteStream) => void;
  /** Lines the launcher consumes instead of printing, each with what it means to the launcher. */
  markers?: Record<string, () => void>;
  /** A line the process prints once it has booted (matched on its output). */
  bootLine?: RegExp;
  /** Called when the process exits without having been asked to stop. */
  onUnexpectedExit: (description: string) => void;
}

/**
 * A child of the launcher in its own process group (`detached`): Ctrl+C in the
 * terminal signals the terminal's foreground group, which then holds the
 * launcher alone, and the launcher stops its children in order. Output is
 * piped through the launcher (console-output.ts) to watch for the boot line.
 * If the launcher is SIGKILLed the child notices it was orphaned
 * (exitWhenOrphaned, KEEL_SUPERVISOR_PID) and shuts itself down.
 */
export class SupervisedProcess {
  readonly booted: Promise<void>;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private stopRequested = false;

  constructor(private readonly options: SupervisedProcessOptions) {
    let markBooted: () => void = () => undefined;
    this.booted = new Promise((resolve) => (markBooted = resolve));
    if (!options.bootLine) markBooted();
    this.child = spawn(options.command, options.args, {
      env: options.env,
      cwd: options.cwd,
      detached: true,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const onLine = (stream: NodeJS.WriteStream) => (line: string) => {
      const marker = options.markers?.[line];
      if (marker) return marker();
      if (options.onLine) options.onLine(line, stream);
      else write(stream, line);
      if (options.bootLine?.test(line)) markBooted();
    };
    forEachLine(this.child.stdout as NodeJS.ReadableStream, onLine(process.stdout));
    forEachLine(this.child.stderr as NodeJS.ReadableStream, onLine(process.stderr));
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        if (!this.stopRequested) options.onUnexpectedExit(error.message);
        resolve();
      });
      this.child.once('exit', (code, signal) => {
        if (!this.stopRequested) options.onUnexpectedExit(`${signal ?? `code ${code}`}`);
        resolve();
      });
    });
  }

  get name(): string {
    return this.options.name;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Raises the niceness (lowers the CPU priority); needs no privilege. Best effort: the process may be gone. */
  lowerPriority(niceness: number): void {
    try {
      if (this.child.pid) setPriority(this.child.pid, niceness);
    } catch {
      // exited already, or a platform without priorities
    }
  }

  send(text: string): void {
    this.child.stdin?.write(text);
  }

  /** SIGTERM (the process drains and exits), then SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopRequested = true;
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(kill);
  }
}
