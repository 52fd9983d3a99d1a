import { ValidationError } from '@keel/kernel/domain';
import { IDENTITY_USER_REGISTERED } from '../../../contracts';
import { Email, EmailAlreadyRegisteredError, User } from '../../../domain';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { RegisterUserCommand } from './register-user.command';
import { RegisterUserHandler } from './register-user.handler';

describe('RegisterUserHandler', () => {
  let users: InMemoryUserRepository;
  let handler: RegisterUserHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository();
    handler = new RegisterUserHandler(users, new FakePasswordHasher());
  });

  it('when a new email registers, then a customer is stored with the hashed password and identity.user-registered is published', async () => {
    const view = await handler.execute(new RegisterUserCommand(' Ada@Example.com ', 'correct horse battery', 'Ada'));

    expect(view).toMatchObject({ email: 'ada@example.com', name: 'Ada', roles: ['customer'] });
    expect(users.stored(view.id)?.passwordHash).toBe(FakePasswordHasher.hashOf('correct horse battery'));
    expect(users.outbox.names).toEqual([IDENTITY_USER_REGISTERED]);
    expect(users.outbox.published[0].payload).toEqual({ email: 'ada@example.com', name: 'Ada' });
  });

  it('when the email is taken (in another letter case), then EmailAlreadyRegisteredError and nothing is published', async () => {
    users.given(User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }));

    await expect(handler.execute(new RegisterUserCommand('ADA@example.com', 'correct horse battery', 'Ada'))).rejects.toThrow(
      EmailAlreadyRegisteredError,
    );
    expect(users.outbox.names).toEqual([]);
  });

  it('when the password is too short, then a validation error and no user', async () => {
    await expect(handler.execute(new RegisterUserCommand('ada@example.com', 'short', 'Ada'))).rejects.toThrow(ValidationError);
    expect(users.store.all()).toHaveLength(0);
  });
});
