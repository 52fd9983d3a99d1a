import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Reservation, ReservationExistsError, ReservationRepository } from '../../domain';
import { ReservationOrmEntity } from './reservation.orm-entity';

@Injectable()
export class ReservationTypeOrmRepository extends AggregateTypeOrmRepositoryBase<ReservationOrmEntity> implements ReservationRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, ReservationOrmEntity, outbox);
  }

  async lockOrder(orderId: string): Promise<void> {
    // Transaction-scoped: released at commit or rollback, never leaked.
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`inventory.order:${orderId}`]);
  }

  async findByOrderId(orderId: string): Promise<Reservation | null> {
    const row = await this.repository.findOneBy({ orderId });
    return row
      ? Reservation.restore(row.id, {
          orderId: row.orderId,
          lines: row.lines,
          status: row.status,
          reason: row.reason,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        })
      : null;
  }

  async insert(reservation: Reservation): Promise<void> {
    await this.saveAggregate(reservation, () =>
      this.mapUniqueViolations(
        () =>
          this.repository.insert({
            id: reservation.id,
            orderId: reservation.orderId,
            status: reservation.status,
            lines: reservation.lines,
            reason: reservation.reason,
            createdAt: reservation.createdAt,
            updatedAt: reservation.updatedAt,
          }),
        { reservations_order_id_key: () => new ReservationExistsError(reservation.orderId) },
      ),
    );
  }

  async update(reservation: Reservation): Promise<void> {
    await this.saveAggregate(reservation, () =>
      this.repository.update(
        { id: reservation.id },
        { status: reservation.status, lines: reservation.lines, reason: reservation.reason, updatedAt: reservation.updatedAt },
      ),
    );
  }
}
