import type { Reservation } from './reservation.entity';

export const RESERVATION_REPOSITORY = Symbol('ReservationRepository');

export interface ReservationRepository {
  /**
   * Serialises work on one order until the ambient transaction ends, so the
   * reserve and release consumers of the same order never interleave.
   */
  lockOrder(orderId: string): Promise<void>;
  findByOrderId(orderId: string): Promise<Reservation | null>;
  /** One reservation per order: a second insert for the same order throws ReservationExistsError. */
  insert(reservation: Reservation): Promise<void>;
  update(reservation: Reservation): Promise<void>;
}
