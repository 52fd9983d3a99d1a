import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { Reservation, ReservationExistsError, type ReservationRepository } from '../domain';

const copy = (r: Reservation) =>
  Reservation.restore(r.id, {
    orderId: r.orderId,
    lines: r.lines,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });

/** ReservationRepository in memory: saves publish the reservation's events to `outbox`, like ReservationTypeOrmRepository. */
export class InMemoryReservationRepository implements ReservationRepository {
  readonly store = new InMemoryAggregateStore<Reservation>();
  readonly outbox = this.store.outbox;
  /** The orders locked (lockOrder), in order. */
  readonly locked: string[] = [];

  /** Arranges stored reservations without publishing their events. */
  given(...reservations: Reservation[]): this {
    this.store.arrange(...reservations);
    return this;
  }

  /** What is stored for the order now (a copy). */
  storedFor(orderId: string): Reservation | undefined {
    const found = this.store.all().find((r) => r.orderId === orderId);
    return found && copy(found);
  }

  async lockOrder(orderId: string): Promise<void> {
    this.locked.push(orderId);
  }

  async findByOrderId(orderId: string): Promise<Reservation | null> {
    return this.storedFor(orderId) ?? null;
  }

  async insert(reservation: Reservation): Promise<void> {
    // The unique index reservations_order_id_key.
    if (this.storedFor(reservation.orderId)) throw new ReservationExistsError(reservation.orderId);
    await this.store.save(reservation);
  }

  async update(reservation: Reservation): Promise<void> {
    await this.store.save(reservation);
  }
}
