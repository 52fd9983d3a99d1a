import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { freePort } from './processes';

export interface SunkMail {
  to: string[];
  messageId: string | null;
  subject: string | null;
  raw: string;
}

/** One header of a raw RFC 5322 message, unfolded (enough to tell messages apart; not a MIME parser). */
function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return match ? match[1].trim() : null;
}

/**
 * A real SMTP server on a free local port that accepts and keeps every message:
 * what processes running with NODE_ENV=production (SMTP_URL is required there)
 * send mail to in smoke, bench and system tests. `url` is their SMTP_URL.
 */
export class SmtpSink {
  readonly received: SunkMail[] = [];
  private server?: SMTPServer;
  private port = 0;

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.port = await freePort();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stopped after the processes that send: a pooled connection left open must not hold close() for 30 s.
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          sink.received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: headerOf(raw, 'Message-ID'),
            subject: headerOf(raw, 'Subject'),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      sink.server!.once('error', fail);
      sink.server!.listen(sink.port, '127.0.0.1', () => ok());
    });
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Message-IDs received more than once, with how many different (recipient, subject) variants each had. */
  duplicates(): Array<{ messageId: string; variants: number }> {
    const byId = new Map<string, Set<string>>();
    const counts = new Map<string, number>();
    for (const mail of this.received) {
      if (!mail.messageId) continue;
      counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
      const variants = byId.get(mail.messageId) ?? new Set<string>();
      variants.add(`${mail.to.join(',')}|${mail.subject ?? ''}`);
      byId.set(mail.messageId, variants);
    }
    return [...counts].filter(([, n]) => n > 1).map(([messageId]) => ({ messageId, variants: byId.get(messageId)!.size }));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((done) => server.close(() => done()));
  }

  to(address: string): SunkMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits until `address` has received `count` messages; returns them, oldest first. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<SunkMail[]> {
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
