import { IssueAccountLinkCommand } from '../../../contracts';
import { Email, User } from '../../../domain';
import { hashAccountToken } from '../../account-links.service';
import { InMemoryAccountTokenRepository } from '../../../testing/account-token.repository.fake';
import { TEST_PUBLIC_URL, testAccountLinks } from '../../../testing/identity-services';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { IssueAccountLinkHandler } from './issue-account-link.handler';

describe('IssueAccountLinkHandler', () => {
  let users: InMemoryUserRepository;
  let tokens: InMemoryAccountTokenRepository;
  let handler: IssueAccountLinkHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }),
    );
    tokens = new InMemoryAccountTokenRepository();
    handler = new IssueAccountLinkHandler(users, testAccountLinks(tokens));
  });

  it('when a verification link is asked, then a 24 h link under PUBLIC_URL is returned and only the token hash is stored', async () => {
    const link = await handler.execute(new IssueAccountLinkCommand('u1', 'verify-email'));

    expect(link).toMatchObject({ userId: 'u1', email: 'ada@example.com', validForMinutes: 24 * 60 });
    const url = new URL(link!.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${TEST_PUBLIC_URL}/verify-email`);
    const token = url.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.rows).toEqual([
      expect.objectContaining({ userId: 'u1', purpose: 'email-verification', tokenHash: hashAccountToken(token) }),
    ]);
    expect(JSON.stringify(tokens.rows)).not.toContain(token);
  });

  it('when a reset link is asked, then it is valid 30 minutes', async () => {
    const link = await handler.execute(new IssueAccountLinkCommand('u1', 'reset-password'));
    expect(link?.validForMinutes).toBe(30);
    expect(link?.url).toContain(`${TEST_PUBLIC_URL}/reset-password?token=`);
    expect(tokens.rows[0].expiresAt.getTime() - tokens.rows[0].createdAt.getTime()).toBe(30 * 60_000);
  });

  it('when the address is verified meanwhile (verification) or the user is gone, then null and no token', async () => {
    const user = users.stored('u1')!;
    user.markEmailVerified(new Date());
    await users.update(user);

    expect(await handler.execute(new IssueAccountLinkCommand('u1', 'verify-email'))).toBeNull();
    expect(await handler.execute(new IssueAccountLinkCommand('nobody', 'reset-password'))).toBeNull();
    expect(tokens.rows).toEqual([]);
  });
});
