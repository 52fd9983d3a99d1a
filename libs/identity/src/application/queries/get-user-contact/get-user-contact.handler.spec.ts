import { GetUserContactQuery } from '../../../contracts';
import { Email, User } from '../../../domain';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { GetUserContactHandler } from './get-user-contact.handler';

describe('GetUserContactHandler', () => {
  const handler = new GetUserContactHandler(
    new InMemoryUserRepository().given(
      User.register({ id: 'u1', email: Email.create('ada@example.com'), name: 'Ada', passwordHash: 'h', now: new Date() }),
    ),
  );

  it('when the user exists, then its email and name; when not, then null', async () => {
    expect(await handler.execute(new GetUserContactQuery('u1'))).toEqual({
      userId: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      emailVerified: false,
    });
    expect(await handler.execute(new GetUserContactQuery('gone'))).toBeNull();
  });
});
