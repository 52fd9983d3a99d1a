import { Email, User } from '../../../domain';
import { InMemoryUserRepository } from '../../../testing/user.repository.fake';
import { ListUsersHandler } from './list-users.handler';
import { ListUsersQuery } from './list-users.query';

// Ids are uuids: the cursor carries one.
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('ListUsersHandler', () => {
  const user = (n: number) =>
    User.register({
      id: id(n),
      email: Email.create(`u${n}@example.com`),
      name: `U${n}`,
      passwordHash: 'h',
      now: new Date(Date.UTC(2026, 0, n)),
    });
  const handler = new ListUsersHandler(new InMemoryUserRepository().given(user(1), user(2), user(3)));

  it('when more users exist than the limit, then the newest page and a cursor that continues after it', async () => {
    const first = await handler.execute(new ListUsersQuery(2));
    expect(first.items.map((u) => u.id)).toEqual([id(3), id(2)]);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await handler.execute(new ListUsersQuery(2, first.nextCursor!));
    expect(second.items.map((u) => u.id)).toEqual([id(1)]);
    expect(second.nextCursor).toBeNull();
  });
});
