import { ValidationError } from '@keel/kernel/domain';
import {
  IDENTITY_EMAIL_VERIFICATION_REQUESTED,
  IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT,
  IDENTITY_USER_REGISTERED,
} from '../../../contracts';
import { Email, User } from '../../../domain';
import { FakePasswordHasher } from '../../../testing/password-hasher.fake';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { RegisterUserCommand } from './register-user.command';
import { RegisterUserHandler } from './register-user.handler';

describe('RegisterUserHandler', () => {
  let users: InMemoryUserRepository;
  let hasher: FakePasswordHasher;
  let handler: RegisterUserHandler;

  beforeEach(() => {
    users = new InMemoryUserRepository();
    hasher = new FakePasswordHasher();
    handler = new RegisterUserHandler(users, hasher);
  });

  it('when a new email registers, then an unverified customer is stored with the hashed password, and registration and verification are published', async () => {
    await handler.execute(new RegisterUserCommand(' Ada@Example.com ', 'correct horse battery', ' Ada '));

    const [stored] = users.store.all();
    expect(stored).toMatchObject({ name: 'Ada', roles: ['customer'], emailVerified: false });
    expect(stored.email.value).toBe('ada@example.com');
    expect(stored.passwordHash).toBe(FakePasswordHasher.hashOf('correct horse battery'));
    expect(users.outbox.names).toEqual([IDENTITY_USER_REGISTERED, IDENTITY_EMAIL_VERIFICATION_REQUESTED]);
    expect(users.outbox.published[1].payload).toEqual({ userId: stored.id, email: 'ada@example.com' });
  });

  it('when the email is taken (in another letter case), then no error: the owner is told by email and the account is unchanged', async () => {
    const owner = User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() });
    users.given(owner);

    await expect(handler.execute(new RegisterUserCommand('ADA@example.com', 'another password here', 'Mallory'))).resolves.toBeUndefined();

    expect(users.outbox.names).toEqual([IDENTITY_REGISTRATION_FOR_EXISTING_ACCOUNT]);
    expect(users.outbox.published[0].payload).toEqual({ userId: 'u1', email: 'ada@example.com' });
    expect(users.stored('u1')).toMatchObject({ name: 'Ada', passwordHash: 'h' });
    expect(users.store.all()).toHaveLength(1);
  });

  it('when the email is taken, then the password is still hashed (both answers cost the same)', async () => {
    users.given(User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }));
    const hash = jest.spyOn(hasher, 'hash');

    await handler.execute(new RegisterUserCommand('ada@example.com', 'correct horse battery', 'Ada'));

    expect(hash).toHaveBeenCalledWith('correct horse battery');
  });

  it('when the password is too short or the name is two lines, then a validation error and no user', async () => {
    await expect(handler.execute(new RegisterUserCommand('ada@example.com', 'short', 'Ada'))).rejects.toThrow(ValidationError);
    await expect(
      handler.execute(new RegisterUserCommand('ada@example.com', 'correct horse battery', 'Ada\nVisit x.example')),
    ).rejects.toThrow(ValidationError);
    expect(users.store.all()).toHaveLength(0);
    expect(users.outbox.names).toEqual([]);
  });
});
