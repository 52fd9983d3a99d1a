import { IDENTITY_EMAIL_VERIFICATION_REQUESTED } from '../../../contracts';
import { Email, User } from '../../../domain';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { ResendVerificationEmailCommand } from './resend-verification-email.command';
import { ResendVerificationEmailHandler } from './resend-verification-email.handler';

describe('ResendVerificationEmailHandler', () => {
  let users: InMemoryUserRepository;
  let handler: ResendVerificationEmailHandler;

  beforeEach(() => {
    const verified = User.register({
      id: 'u2',
      email: Email.create('grace@example.com'),
      name: 'Grace',
      passwordHash: 'h',
      now: new Date(),
    });
    verified.markEmailVerified(new Date());
    users = new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }),
      verified,
    );
    handler = new ResendVerificationEmailHandler(users);
  });

  it('when the address has an unverified account, then a verification email is requested', async () => {
    await handler.execute(new ResendVerificationEmailCommand('ADA@example.com'));
    expect(users.outbox.names).toEqual([IDENTITY_EMAIL_VERIFICATION_REQUESTED]);
  });

  it('when the address is verified or has no account, then nothing happens (and no error)', async () => {
    await handler.execute(new ResendVerificationEmailCommand('grace@example.com'));
    await handler.execute(new ResendVerificationEmailCommand('nobody@example.com'));
    expect(users.outbox.names).toEqual([]);
  });
});
