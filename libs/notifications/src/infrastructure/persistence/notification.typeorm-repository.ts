import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Notification, NotificationRepository } from '../../domain';
import { NotificationMapper } from './notification.mapper';
import { NotificationOrmEntity } from './notification.orm-entity';

@Injectable()
export class NotificationTypeOrmRepository extends AggregateTypeOrmRepositoryBase<NotificationOrmEntity> implements NotificationRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, NotificationOrmEntity, outbox);
  }

  async findByDedupeKey(dedupeKey: string): Promise<Notification | null> {
    const row = await this.repository.findOneBy({ dedupeKey });
    return row ? NotificationMapper.toDomain(row) : null;
  }

  async insertIfAbsent(notification: Notification): Promise<Notification> {
    return this.saveAggregate(
      notification,
      async () => {
        // ON CONFLICT (dedupe_key) DO NOTHING: a concurrent insert of the same key waits for the
        // first to commit, then does nothing; the read below sees whichever row won.
        await this.repository.createQueryBuilder().insert().values(NotificationMapper.toPersistence(notification)).orIgnore().execute();
        const stored = await this.findByDedupeKey(notification.dedupeKey);
        if (!stored) throw new Error(`Notification ${notification.dedupeKey} vanished after insert`);
        return stored;
      },
      // Another row won: this draft was never stored, so its events did not happen.
      (stored) => stored.id === notification.id,
    );
  }

  async claimForDelivery(id: string, leaseMs: number): Promise<boolean> {
    // The database clock decides, so instances with skewed clocks agree on who holds the claim.
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set({ claimedUntil: () => `clock_timestamp() + :leaseMs * interval '1 millisecond'` })
      .setParameter('leaseMs', leaseMs)
      .where('id = :id', { id })
      .andWhere(`status = 'PENDING'`)
      .andWhere('(claimed_until IS NULL OR claimed_until <= clock_timestamp())')
      .execute();
    return result.affected === 1;
  }

  async saveOutcome(notification: Notification): Promise<boolean> {
    return this.saveAggregate(
      notification,
      () => this.recordOutcome(notification),
      (recorded) => recorded,
    );
  }

  private async recordOutcome(notification: Notification): Promise<boolean> {
    const result = await this.repository.update(
      { id: notification.id, status: 'PENDING' },
      {
        status: notification.status,
        attempts: notification.attempts,
        lastError: notification.lastError,
        sentAt: notification.sentAt,
        claimedUntil: null,
      },
    );
    return result.affected === 1;
  }

  async listForUser(userId: string, options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<Notification[]> {
    const qb = this.repository
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(options.limit);
    if (options.after) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', options.after);
    return (await qb.getMany()).map(NotificationMapper.toDomain);
  }
}
