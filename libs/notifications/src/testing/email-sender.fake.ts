import type { EmailSender, OutgoingEmail } from '../application';

/** EmailSender in memory: what was handed over, or the arranged error instead. */
export class FakeEmailSender implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  failWith?: Error;

  async send(email: OutgoingEmail): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(email);
  }
}
