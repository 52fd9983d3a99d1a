import { ClsServiceManager } from 'nestjs-cls';
import type { DataSource } from 'typeorm';

/**
 * Where the reads of the current async context go, kept in CLS (nestjs-cls) so
 * repositories stay unaware: `TransactionHost.tx` resolves to the replica's
 * EntityManager inside a replica read scope (read-routing.adapter.ts), and to
 * the primary everywhere else.
 *
 * - a replica DataSource: a query routed to that replica;
 * - PRIMARY: pinned to the primary (commands, mutating requests, cache fills);
 * - unset: not decided yet (the next top-level query decides).
 */
export const PRIMARY = 'primary' as const;
export type ReadTarget = DataSource | typeof PRIMARY;

const READ_TARGET = Symbol.for('keel.db.readTarget');
/** Set for read-only requests only: reads elsewhere (boot, jobs, commands) always use the primary. */
const REPLICA_READS_ALLOWED = Symbol.for('keel.db.replicaReadsAllowed');
/** The user whose reads must see their own writes (set per request by the interceptor). */
const READER = Symbol.for('keel.db.reader');
/** Users who wrote during this request without being its authenticated caller (log-in, registration). */
const WRITERS = Symbol.for('keel.db.writers');

function activeCls() {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls : undefined;
}

export function currentReadTarget(): ReadTarget | undefined {
  return activeCls()?.get<ReadTarget | undefined>(READ_TARGET);
}

/** The replica DataSource the current reads go to, if any. */
export function currentReplica(): DataSource | undefined {
  const target = currentReadTarget();
  return target === undefined || target === PRIMARY ? undefined : target;
}

/** Runs `work` with its reads on `target`, in a child CLS context (the caller's context is untouched). */
export function runWithReadTarget<T>(target: ReadTarget, work: () => Promise<T>): Promise<T> {
  const cls = activeCls();
  if (!cls) return work();
  return cls.run({ ifNested: 'inherit' }, () => {
    cls.set(READ_TARGET, target);
    return work();
  });
}

/** Pins the reads of `work` to the primary (cache fills, reads inside commands). */
export function runOnPrimary<T>(work: () => Promise<T>): Promise<T> {
  return runWithReadTarget(PRIMARY, work);
}

/** Pins the rest of the current context (a mutating request) to the primary. */
export function pinContextToPrimary(): void {
  activeCls()?.set(READ_TARGET, PRIMARY);
}

/**
 * Marks the current request as read-only (GET, HEAD…): its top-level queries
 * may go to a replica, subject to `reader`'s own recent writes.
 */
export function allowReplicaReads(reader: string | undefined): void {
  const cls = activeCls();
  if (!cls) return;
  cls.set(REPLICA_READS_ALLOWED, {});
  cls.set(READER, reader);
}

/**
 * Undefined unless replica reads are allowed here; otherwise the request's
 * routing memo (mutable, shared with child contexts), so that every query of
 * one request reads from the same place.
 */
export function requestRouting(): { choice?: unknown } | undefined {
  return activeCls()?.get<{ choice?: unknown } | undefined>(REPLICA_READS_ALLOWED);
}

export function currentReader(): string | undefined {
  return activeCls()?.get<string | undefined>(READER);
}

/**
 * Starts collecting the users who write during this (mutating) request. A
 * mutable set, because writes happen in child CLS contexts (transactions) whose
 * own `set` calls would not reach this one.
 */
export function collectWriters(): Set<string> {
  const writers = new Set<string>();
  activeCls()?.set(WRITERS, writers);
  return writers;
}

/**
 * Records that `userId` wrote in this request although it is not the request's
 * authenticated caller (issuing a session on log-in or registration), so their
 * next reads see it too. A no-op outside a request that collects writers.
 */
export function noteWriter(userId: string): void {
  activeCls()?.get<Set<string> | undefined>(WRITERS)?.add(userId);
}
