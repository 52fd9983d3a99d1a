import { setTimeout as sleep } from 'node:timers/promises';
import { Figures } from './load';
import type { SmtpSink } from '../../support/smtp-sink';
import { PostgresServer } from './postgres';

/** The order states nothing moves an order out of (without a cancel, which the load never sends). */
export const TERMINAL = ['PAID', 'PAYMENT_FAILED', 'REJECTED', 'CANCELLED'];

interface LedgerCharge {
  orderRef: string | null;
  status: 'succeeded' | 'failed';
}

/**
 * Waits until every accepted order is terminal and every email about it was sent,
 * i.e. the whole backlog (outbox, queues, payments, webhooks) has drained.
 * Returns how long that took and the orders that never got there.
 */
export async function waitUntilSettled(
  db: PostgresServer,
  ids: string[],
  timeoutMs: number,
  assertAlive: () => void,
): Promise<{ ms: number; statuses: Map<string, string>; unsettled: string[] }> {
  const started = Date.now();
  for (;;) {
    assertAlive();
    const rows = await db.query<{ id: string; status: string; outcome_emails: number }>(
      `SELECT o.id, o.status,
              (SELECT count(*)::int FROM notifications.notifications n
                WHERE n.dedupe_key IN ('order:' || o.id || ':order.paid', 'order:' || o.id || ':order.payment_failed',
                                       'order:' || o.id || ':order.rejected')
                  AND n.status = 'SENT') AS outcome_emails
         FROM orders.orders o WHERE o.id = ANY($1::uuid[])`,
      [ids],
    );
    const statuses = new Map(rows.map((r) => [r.id, r.status]));
    const unsettled = ids.filter((id) => {
      const row = rows.find((r) => r.id === id);
      return !row || !TERMINAL.includes(row.status) || row.outcome_emails !== 1;
    });
    if (unsettled.length === 0 || Date.now() - started > timeoutMs) return { ms: Date.now() - started, statuses, unsettled };
    await sleep(250);
  }
}

export interface ExactlyOnceReport {
  /** Accepted orders missing from the database or not terminal. */
  lost: string[];
  /** Orders charged successfully more than once by the provider. */
  doubleCharged: string[];
  /** PAID orders without exactly one successful charge. */
  paidWithoutOneCharge: string[];
  /** Orders whose history records more than one terminal transition. */
  repeatedTransitions: string[];
  /** Messages that reached the mailbox more than once (by Message-ID). */
  duplicateEmails: string[];
  /** Duplicated messages whose copies differ (a real second email, not a redelivery of the same one). */
  differingDuplicates: string[];
}

/** Each accepted order settled once: one terminal transition, at most one charge, one email per outcome. */
export async function exactlyOnce(db: PostgresServer, sandboxUrl: string, mail: SmtpSink, ids: string[]): Promise<ExactlyOnceReport> {
  const orders = await db.query<{ id: string; status: string; terminal_transitions: number }>(
    `SELECT o.id, o.status,
            (SELECT count(*)::int FROM orders.order_history h WHERE h.order_id = o.id AND h.status = ANY($2::text[])) AS terminal_transitions
       FROM orders.orders o WHERE o.id = ANY($1::uuid[])`,
    [ids, TERMINAL],
  );
  const byId = new Map(orders.map((o) => [o.id, o]));
  const ledger = (await (await fetch(`${sandboxUrl}/__sandbox/ledger`)).json()) as { charges: LedgerCharge[] };
  const succeeded = new Map<string, number>();
  for (const c of ledger.charges)
    if (c.status === 'succeeded' && c.orderRef) succeeded.set(c.orderRef, (succeeded.get(c.orderRef) ?? 0) + 1);
  // What the SMTP server received (production requires SMTP_URL), limited to these orders' emails.
  const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');
  const ours = new Set(
    (
      await db.query<{ message_id: string }>(
        `SELECT n.message_id FROM notifications.notifications n
          WHERE split_part(n.dedupe_key, ':', 2)::uuid = ANY($1::uuid[]) AND n.message_id IS NOT NULL`,
        [ids],
      )
    ).map((r) => bare(r.message_id)),
  );
  const duplicateEmails = mail
    .duplicates()
    .filter((d) => ours.has(bare(d.messageId)))
    .map((d) => ({ message_id: d.messageId, variants: d.variants }));
  return {
    lost: ids.filter((id) => !byId.has(id) || !TERMINAL.includes(byId.get(id)!.status)),
    doubleCharged: ids.filter((id) => (succeeded.get(id) ?? 0) > 1),
    paidWithoutOneCharge: ids.filter((id) => byId.get(id)?.status === 'PAID' && succeeded.get(id) !== 1),
    repeatedTransitions: orders.filter((o) => o.terminal_transitions !== 1).map((o) => o.id),
    duplicateEmails: duplicateEmails.map((r) => r.message_id),
    differingDuplicates: duplicateEmails.filter((r) => r.variants > 1).map((r) => r.message_id),
  };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** One figures table per scenario, printed to the test output (and kept for docs/system-tests.md). */
export function printFigures(title: string, f: Figures, extra: Record<string, string | number>): void {
  const rows: Array<[string, string]> = [
    ['requests', String(f.requests)],
    ['POST /orders attempts', String(f.posts)],
    ['failed requests', String(f.failures)],
    ['p50', fmt(f.p50)],
    ['p95', fmt(f.p95)],
    ['p99', fmt(f.p99)],
    ['max', fmt(f.max)],
    ...Object.entries(extra).map(([k, v]) => [k, String(v)] as [string, string]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [`\n┌ ${title}`, ...rows.map(([k, v]) => `│ ${k.padEnd(width)}  ${v}`), '└'];
  process.stdout.write(`${lines.join('\n')}\n`);
}
