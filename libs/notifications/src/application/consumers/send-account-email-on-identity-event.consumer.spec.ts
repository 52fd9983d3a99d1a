import type { EventEnvelope } from '@keel/messaging';
import {
  type AccountEmailRequestedPayload,
  describeValidity,
  IDENTITY_EMAIL_VERIFICATION_REQUESTED,
  IDENTITY_PASSWORD_RESET_REQUESTED,
  IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT,
} from '../emails/account-email';
import { EmailRejectedError } from '../ports/email-sender.port';
import { FakeAccountLinkIssuer } from '../../testing/account-link-issuer.fake';
import { FakeEmailSender } from '../../testing/email-sender.fake';
import { FakeEmailTemplateRenderer } from '../../testing/email-template-renderer.fake';
import { SendAccountEmailOnIdentityEvent } from './send-account-email-on-identity-event.consumer';

const event = (eventName: string, userId = 'u1') =>
  ({
    eventId: 'e0000000-0000-4000-8000-000000000001',
    eventName,
    aggregateId: userId,
    occurredAt: '2026-01-01T00:00:00.000Z',
    payload: { userId, email: 'old@example.com' },
  }) as EventEnvelope<AccountEmailRequestedPayload>;

describe('SendAccountEmailOnIdentityEvent', () => {
  let links: FakeAccountLinkIssuer;
  let renderer: FakeEmailTemplateRenderer;
  let sender: FakeEmailSender;
  let consumer: SendAccountEmailOnIdentityEvent;

  beforeEach(() => {
    links = new FakeAccountLinkIssuer().with('u1', 'ada@example.com');
    renderer = new FakeEmailTemplateRenderer();
    sender = new FakeEmailSender();
    consumer = new SendAccountEmailOnIdentityEvent(links, renderer, sender);
  });

  it.each([
    [IDENTITY_EMAIL_VERIFICATION_REQUESTED, 'verify-email', 'account-verify-email', '24 hours'],
    [IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT, 'reset-password', 'account-already-registered', '30 minutes'],
    [IDENTITY_PASSWORD_RESET_REQUESTED, 'reset-password', 'account-password-reset', '30 minutes'],
  ])(
    'when %s arrives, then a fresh %s link is minted and sent with %s to the current address',
    async (eventName, kind, template, validFor) => {
      await consumer.handle(event(eventName));

      expect(links.issued).toEqual([{ userId: 'u1', kind }]);
      expect(renderer.rendered).toEqual([{ template, variables: { link: `https://shop.example.com/${kind}?token=t1`, validFor } }]);
      expect(sender.sent).toEqual([
        expect.objectContaining({ to: 'ada@example.com', messageId: `<e0000000-0000-4000-8000-000000000001.${template}@keel.local>` }),
      ]);
    },
  );

  it('when identity has nothing to send (user gone or verified meanwhile), then no email', async () => {
    await consumer.handle(event(IDENTITY_EMAIL_VERIFICATION_REQUESTED, 'gone'));
    expect(sender.sent).toEqual([]);
  });

  it('when the server fails transiently, then the delivery throws (retried, the minted link rolls back with it); a permanent refusal does not', async () => {
    sender.failWith = new Error('connect ECONNREFUSED');
    await expect(consumer.handle(event(IDENTITY_PASSWORD_RESET_REQUESTED))).rejects.toThrow('ECONNREFUSED');

    sender.failWith = new EmailRejectedError('550 no such user', true);
    await expect(consumer.handle(event(IDENTITY_PASSWORD_RESET_REQUESTED))).resolves.toBeUndefined();
  });

  it('describes validity in words', () => {
    expect([describeValidity(30), describeValidity(60), describeValidity(1440), describeValidity(1)]).toEqual([
      '30 minutes',
      '1 hour',
      '24 hours',
      '1 minute',
    ]);
  });
});
