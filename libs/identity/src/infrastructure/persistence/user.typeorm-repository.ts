import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Email, EmailAlreadyRegisteredError, User, UserRepository } from '../../domain';
import { UserMapper } from './user.mapper';
import { UserOrmEntity } from './user.orm-entity';

@Injectable()
export class UserTypeOrmRepository extends AggregateTypeOrmRepositoryBase<UserOrmEntity> implements UserRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, UserOrmEntity, outbox);
  }

  async findById(id: string): Promise<User | null> {
    const row = await this.repository.findOneBy({ id });
    return row ? UserMapper.toDomain(row) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const row = await this.repository.findOneBy({ email: email.value });
    return row ? UserMapper.toDomain(row) : null;
  }

  /** Saving a registered user publishes its UserRegistered (identity.user-registered) with the row. */
  async insert(user: User): Promise<void> {
    await this.saveAggregate(user, () =>
      this.mapUniqueViolations(() => this.repository.insert(UserMapper.toPersistence(user)), {
        users_email_key: () => new EmailAlreadyRegisteredError(),
      }),
    );
  }

  async insertIfEmailFree(user: User): Promise<boolean> {
    const result = await this.saveAggregate(
      user,
      () => this.repository.createQueryBuilder().insert().values(UserMapper.toPersistence(user)).orIgnore().returning(['id']).execute(),
      (inserted) => (inserted.raw as unknown[]).length === 1,
    );
    return (result.raw as unknown[]).length === 1;
  }

  async list(options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<User[]> {
    const qb = this.repository.createQueryBuilder('u').orderBy('u.created_at', 'DESC').addOrderBy('u.id', 'DESC').limit(options.limit);
    if (options.after) qb.where('(u.created_at, u.id) < (:createdAt, :id)', options.after);
    return (await qb.getMany()).map(UserMapper.toDomain);
  }

  async update(user: User): Promise<void> {
    const { id, ...changes } = UserMapper.toPersistence(user);
    await this.saveAggregate(user, () => this.repository.update({ id }, changes));
  }
}
