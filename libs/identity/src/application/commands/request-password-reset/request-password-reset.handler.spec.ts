import { IDENTITY_PASSWORD_RESET_REQUESTED } from '../../../contracts';
import { Email, User } from '../../../domain';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { RequestPasswordResetCommand } from './request-password-reset.command';
import { RequestPasswordResetHandler } from './request-password-reset.handler';

describe('RequestPasswordResetHandler', () => {
  let users: InMemoryUserRepository;
  let handler: RequestPasswordResetHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }),
    );
    handler = new RequestPasswordResetHandler(users);
  });

  it('when the address has an account, then a reset email is requested for it', async () => {
    await handler.execute(new RequestPasswordResetCommand(' Ada@Example.com'));
    expect(users.outbox.names).toEqual([IDENTITY_PASSWORD_RESET_REQUESTED]);
    expect(users.outbox.published[0].payload).toEqual({ userId: 'u1', email: 'ada@example.com' });
  });

  it('when the address has no account, then nothing happens (and no error)', async () => {
    await handler.execute(new RequestPasswordResetCommand('nobody@example.com'));
    expect(users.outbox.names).toEqual([]);
  });
});
