import { Email, InvalidAccountTokenError, User } from '../../../domain';
import { InMemoryAccountTokenRepository } from '../../../testing/account-token.repository.fake';
import { testAccountLinks } from '../../../testing/identity-services';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { VerifyEmailCommand } from './verify-email.command';
import { VerifyEmailHandler } from './verify-email.handler';

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('VerifyEmailHandler', () => {
  let users: InMemoryUserRepository;
  let tokens: InMemoryAccountTokenRepository;
  let handler: VerifyEmailHandler;
  const links = () => testAccountLinks(tokens);

  beforeEach(() => {
    users = new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }),
    );
    tokens = new InMemoryAccountTokenRepository();
    handler = new VerifyEmailHandler(users, links());
  });

  it('when the token is valid, then the address is verified, and the token (and the older links) cannot be used again', async () => {
    const older = await links().issue('u1', 'verify-email');
    const { url } = await links().issue('u1', 'verify-email');

    await handler.execute(new VerifyEmailCommand(tokenOf(url)));

    expect(users.stored('u1')?.emailVerified).toBe(true);
    await expect(handler.execute(new VerifyEmailCommand(tokenOf(url)))).rejects.toThrow(InvalidAccountTokenError);
    await expect(handler.execute(new VerifyEmailCommand(tokenOf(older.url)))).rejects.toThrow(InvalidAccountTokenError);
  });

  it('when the token is older than 24 hours, then InvalidAccountTokenError and the address stays unverified', async () => {
    const { url } = await links().issue('u1', 'verify-email', new Date(Date.now() - 24 * 3600_000 - 1000));

    await expect(handler.execute(new VerifyEmailCommand(tokenOf(url)))).rejects.toThrow(InvalidAccountTokenError);
    expect(users.stored('u1')?.emailVerified).toBe(false);
  });

  it('when a password reset token is presented, then it does not verify', async () => {
    const { url } = await links().issue('u1', 'reset-password');
    await expect(handler.execute(new VerifyEmailCommand(tokenOf(url)))).rejects.toThrow(InvalidAccountTokenError);
  });
});
