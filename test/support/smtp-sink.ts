import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a local port that keeps every message it accepts (smtp-server). */
export class SmtpSink {
  readonly received: SinkMail[] = [];
  private server?: SMTPServer;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(this.port, '127.0.0.1', () => ok());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  to(address: string): SinkMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits until `address` has received `count` messages; returns them, oldest first. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<SinkMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`${address} received ${this.to(address).length} of ${count} emails`);
      await sleep(50);
    }
    return this.to(address);
  }
}

/** The raw message with quoted-printable soft line breaks and escapes decoded, for asserting on body text. */
export function decodeMail(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The Subject header (unfolded). */
export function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
}

/** The `?token=` of the first link to `<base>/<path>` in the message. */
export function linkTokenIn(raw: string, base: string, path: 'verify-email' | 'reset-password'): string {
  const escaped = `${base}/${path}?token=`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`${escaped}([A-Za-z0-9_-]+)`).exec(decodeMail(raw));
  if (!match) throw new Error(`No ${path} link to ${base} in:\n${decodeMail(raw)}`);
  return match[1];
}
