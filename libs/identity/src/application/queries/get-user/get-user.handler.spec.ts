import { Email, User, UserNotFoundError } from '../../../domain';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { GetUserHandler } from './get-user.handler';
import { GetUserQuery } from './get-user.query';

describe('GetUserHandler', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const users = new InMemoryUserRepository().given(
    User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now }),
  );

  it('when the user exists, then its public view (no password hash)', async () => {
    expect(await new GetUserHandler(users).execute(new GetUserQuery('u1'))).toEqual({
      id: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      roles: ['customer'],
      emailVerified: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('when the user does not exist, then UserNotFoundError', async () => {
    await expect(new GetUserHandler(users).execute(new GetUserQuery('nobody'))).rejects.toThrow(UserNotFoundError);
  });
});
