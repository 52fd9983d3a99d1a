import { TransactionHost } from '@nestjs-cls/transactional';
import type { KeelTransactionHost } from '@keel/persistence';
import { AggregateRoot, DomainEvent, Money } from '@keel/kernel/domain';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Product,
  PRODUCT_IMAGE_REPOSITORY,
  PRODUCT_REPOSITORY,
  ProductImage,
  type ProductImageRepository,
  type ProductRepository,
} from '../../../libs/catalog/src/domain';
import { Email, User, USER_REPOSITORY, type UserRepository } from '../../../libs/identity/src/domain';
import { Reservation, RESERVATION_REPOSITORY, type ReservationRepository } from '../../../libs/inventory/src/domain';
import {
  Notification,
  NOTIFICATION_REPOSITORY,
  type NotificationRepository,
  orderDeliveryKey,
} from '../../../libs/notifications/src/domain';
import {
  Invoice,
  INVOICE_REPOSITORY,
  type InvoiceRepository,
  Order,
  ORDER_REPOSITORY,
  type OrderRepository,
  PaymentChoice,
} from '../../../libs/orders/src/domain';
import { Payment, PAYMENT_REPOSITORY, type PaymentRepository } from '../../../libs/payments/src/domain';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * Events cannot be lost: for every aggregate and every repository method that
 * saves it, against the real repositories and PostgreSQL, the events pending on
 * the aggregate (its own plus a probe raised here, so aggregates that raise
 * nothing today are covered too) are in the outbox after commit and absent after
 * rollback. A new aggregate, or a new save method on a repository port, fails
 * the coverage test below until it has a case here.
 */

class ProbeRaised extends DomainEvent<{ probe: true }> {
  readonly eventName = 'test.probe-raised';
}

/** Adds a probe event to what the aggregate already raised and returns every pending event. */
function withProbe<T extends AggregateRoot<unknown>>(aggregate: T, pending: DomainEvent[]): T {
  const events = [...aggregate.pullEvents(), new ProbeRaised(String(aggregate.id), { probe: true })];
  const raise = (event: DomainEvent) => (aggregate as unknown as { raise(e: DomainEvent): void }).raise(event);
  events.forEach(raise);
  pending.push(...events);
  return aggregate;
}

interface Repositories {
  products: ProductRepository;
  productImages: ProductImageRepository;
  invoices: InvoiceRepository;
  users: UserRepository;
  orders: OrderRepository;
  reservations: ReservationRepository;
  payments: PaymentRepository;
  notifications: NotificationRepository;
}

interface SaveCase {
  /** Commits what the save needs (e.g. the row an update changes) in its own transaction; returns its key. */
  arrange?: (repos: Repositories) => Promise<string>;
  /** Inside the transaction under test: saves an aggregate made `withProbe`. */
  save: (repos: Repositories, arranged: string, pending: DomainEvent[]) => Promise<void>;
}

const now = () => new Date();
const newProduct = () =>
  Product.create({ id: randomUUID(), sku: `SKU-${randomUUID().slice(0, 8)}`, name: 'Probe', price: Money.of(1000, 'USD'), now: now() });
const newUser = () =>
  User.register({
    id: randomUUID(),
    email: Email.create(`probe-${randomUUID()}@example.com`),
    name: 'Probe',
    passwordHash: 'x',
    now: now(),
  });
const newOrder = () =>
  Order.place({
    id: randomUUID(),
    userId: randomUUID(),
    items: [{ productId: randomUUID(), sku: 'SKU-1', name: 'Probe', unitPrice: Money.of(1000, 'USD'), quantity: 1 }],
    payment: PaymentChoice.create('stripe', 'pm_card_visa'),
    now: now(),
  });
const newReservation = () =>
  Reservation.hold({ id: randomUUID(), orderId: randomUUID(), lines: [{ productId: randomUUID(), quantity: 1 }], now: now() });
const newPayment = () =>
  Payment.start({
    id: randomUUID(),
    orderId: randomUUID(),
    userId: randomUUID(),
    provider: 'stripe',
    method: 'pm_card_visa',
    amount: Money.of(1000, 'USD'),
    now: now(),
  });
const newNotification = () =>
  Notification.createEmail({
    id: randomUUID(),
    userId: randomUUID(),
    type: 'order.confirmed',
    recipient: 'probe@example.com',
    content: { subject: 'Probe', bodyText: 'Probe', bodyHtml: null },
    key: orderDeliveryKey({ orderId: randomUUID(), type: 'order.confirmed', eventId: randomUUID() }),
    now: now(),
  });

/** An image of a stored product (the row references it). */
const newProductImage = (productId: string) =>
  ProductImage.create({ id: randomUUID(), productId, contentType: 'image/png', declaredBytes: 1024, now: now() });
/** The invoice of a stored order, with the next number of a year no real invoice uses. */
const PROBE_YEAR = 2099;
const newInvoice = async (r: Repositories, order: Order) =>
  Invoice.issue({
    id: randomUUID(),
    orderId: order.id,
    userId: order.userId,
    year: PROBE_YEAR,
    sequence: await r.invoices.nextSequence(PROBE_YEAR),
    total: Money.of(1000, 'USD'),
    now: now(),
  });
const storedOrder = async (r: Repositories) => {
  const order = newOrder();
  await r.orders.insert(order);
  return order.id;
};
const storedProduct = async (r: Repositories) => {
  const product = newProduct();
  await r.products.insert(product);
  return product.id;
};

/** Keyed `Aggregate.method`, as the coverage test reads them from the repository ports. */
const CASES: Record<string, SaveCase> = {
  'Product.insert': { save: (r, _, pending) => r.products.insert(withProbe(newProduct(), pending)) },
  'Product.update': {
    arrange: async (r) => {
      const product = newProduct();
      await r.products.insert(product);
      return product.id;
    },
    save: async (r, id: string, pending) => {
      const product = (await r.products.findByIdForUpdate(id))!;
      product.revise({ name: `Renamed ${randomUUID().slice(0, 8)}` }, now());
      await r.products.update(withProbe(product, pending));
    },
  },
  'ProductImage.insert': {
    arrange: storedProduct,
    save: (r, productId: string, pending) => r.productImages.insert(withProbe(newProductImage(productId), pending)),
  },
  'ProductImage.update': {
    arrange: async (r) => {
      const image = newProductImage(await storedProduct(r));
      await r.productImages.insert(image);
      return image.id;
    },
    save: async (r, id: string, pending) => {
      const image = (await r.productImages.findByIdForUpdate(id))!;
      image.completeUpload(now());
      await r.productImages.update(withProbe(image, pending));
    },
  },
  'Invoice.insert': {
    arrange: storedOrder,
    save: async (r, orderId: string, pending) =>
      r.invoices.insert(withProbe(await newInvoice(r, (await r.orders.findById(orderId))!), pending)),
  },
  'Invoice.update': {
    arrange: async (r) => {
      const invoice = await newInvoice(r, (await r.orders.findById(await storedOrder(r)))!);
      await r.invoices.insert(invoice);
      return invoice.id;
    },
    save: async (r, id: string, pending) => {
      const invoice = (await r.invoices.findByIdForUpdate(id))!;
      invoice.markRendered(`invoices/probe-${id}.pdf`, now());
      await r.invoices.update(withProbe(invoice, pending));
    },
  },
  'User.insert': { save: (r, _, pending) => r.users.insert(withProbe(newUser(), pending)) },
  'User.insertIfEmailFree': { save: async (r, _, pending) => void (await r.users.insertIfEmailFree(withProbe(newUser(), pending))) },
  'User.update': {
    arrange: async (r) => {
      const user = newUser();
      await r.users.insert(user);
      return user.id;
    },
    save: async (r, id: string, pending) => r.users.update(withProbe((await r.users.findById(id))!, pending)),
  },
  'Order.insert': { save: (r, _, pending) => r.orders.insert(withProbe(newOrder(), pending)) },
  'Order.update': {
    arrange: async (r) => {
      const order = newOrder();
      await r.orders.insert(order);
      return order.id;
    },
    save: async (r, id: string, pending) => {
      const order = (await r.orders.findById(id))!;
      order.confirm(now());
      await r.orders.update(withProbe(order, pending));
    },
  },
  'Reservation.insert': { save: (r, _, pending) => r.reservations.insert(withProbe(newReservation(), pending)) },
  'Reservation.update': {
    arrange: async (r) => {
      const reservation = newReservation();
      await r.reservations.insert(reservation);
      return reservation.orderId;
    },
    save: async (r, orderId: string, pending) => r.reservations.update(withProbe((await r.reservations.findByOrderId(orderId))!, pending)),
  },
  'Payment.insert': { save: (r, _, pending) => r.payments.insert(withProbe(newPayment(), pending)) },
  'Payment.update': {
    arrange: async (r) => {
      const payment = newPayment();
      await r.payments.insert(payment);
      return payment.id;
    },
    save: async (r, id: string, pending) => {
      const payment = (await r.payments.findByIdForUpdate(id))!;
      payment.succeed(`ch_probe_${randomUUID()}`, now());
      await r.payments.update(withProbe(payment, pending));
    },
  },
  'Notification.insertIfAbsent': {
    save: async (r, _, pending) => void (await r.notifications.insertIfAbsent(withProbe(newNotification(), pending))),
  },
  'Notification.saveOutcome': {
    arrange: async (r) => (await r.notifications.insertIfAbsent(newNotification())).dedupeKey,
    save: async (r, dedupeKey: string, pending) => {
      const notification = (await r.notifications.findByDedupeKey(dedupeKey))!;
      notification.markSent(now());
      await r.notifications.saveOutcome(withProbe(notification, pending));
    },
  },
};

class RollBack extends Error {}

describe('Aggregate events reach the outbox on save, in the saving transaction', () => {
  let t: TestApp;
  let tx: KeelTransactionHost;
  let repos: Repositories;

  beforeAll(async () => {
    t = await startTestApp();
    tx = t.app.get(TransactionHost) as KeelTransactionHost;
    const get = <T>(token: symbol) => t.app.get<T>(token, { strict: false });
    repos = {
      products: get(PRODUCT_REPOSITORY),
      productImages: get(PRODUCT_IMAGE_REPOSITORY),
      invoices: get(INVOICE_REPOSITORY),
      users: get(USER_REPOSITORY),
      orders: get(ORDER_REPOSITORY),
      reservations: get(RESERVATION_REPOSITORY),
      payments: get(PAYMENT_REPOSITORY),
      notifications: get(NOTIFICATION_REPOSITORY),
    };
  });
  afterAll(() => t.close());

  const outboxRows = (events: DomainEvent[]): Promise<Array<{ id: string; event_name: string; aggregate_id: string }>> =>
    t.dataSource.query(`SELECT id, event_name, aggregate_id FROM platform.outbox WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      events.map((e) => e.eventId),
    ]);
  const expected = (events: DomainEvent[]) =>
    events
      .map((e) => ({ id: e.eventId, event_name: e.eventName, aggregate_id: String(e.aggregateId) }))
      .sort((a, b) => a.id.localeCompare(b.id));

  describe.each(Object.keys(CASES))('%s', (key) => {
    const { arrange, save } = CASES[key];

    it('When the transaction commits, then every event pending on the aggregate has its outbox row', async () => {
      const arranged = arrange ? await tx.withTransaction(() => arrange(repos)) : '';
      const pending: DomainEvent[] = [];
      await tx.withTransaction(() => save(repos, arranged, pending));
      expect(pending.length).toBeGreaterThan(0);
      expect(await outboxRows(pending)).toEqual(expected(pending));
    });

    it('When the transaction rolls back after the save, then none of its events is in the outbox', async () => {
      const arranged = arrange ? await tx.withTransaction(() => arrange(repos)) : '';
      const pending: DomainEvent[] = [];
      await expect(
        tx.withTransaction(async () => {
          await save(repos, arranged, pending);
          // Written inside the transaction: the rows are there until the rollback.
          expect(
            await tx.tx.query(`SELECT 1 FROM platform.outbox WHERE id = ANY($1::uuid[])`, [pending.map((e) => e.eventId)]),
          ).toHaveLength(pending.length);
          throw new RollBack();
        }),
      ).rejects.toBeInstanceOf(RollBack);
      expect(pending.length).toBeGreaterThan(0);
      expect(await outboxRows(pending)).toEqual([]);
    });
  });

  it('When a write fails (a concurrent change), then nothing is published and the events stay on the aggregate', async () => {
    const order = newOrder();
    await tx.withTransaction(() => repos.orders.insert(order));
    const stale = (await tx.withTransaction(() => repos.orders.findById(order.id)))!;
    const current = (await tx.withTransaction(() => repos.orders.findById(order.id)))!;
    current.confirm(now());
    await tx.withTransaction(() => repos.orders.update(current));
    stale.reject('Out of stock.', now());
    const pending: DomainEvent[] = [];
    withProbe(stale, pending);
    await expect(tx.withTransaction(() => repos.orders.update(stale))).rejects.toThrow();
    expect(await outboxRows(pending)).toEqual([]);
    expect(stale.pullEvents().map((e) => e.eventId)).toEqual(pending.map((e) => e.eventId));
  });

  it('When an insert loses to an existing row, then the events of the draft that was never stored are not published', async () => {
    const first = newNotification();
    await tx.withTransaction(() => repos.notifications.insertIfAbsent(first));
    const duplicate = Notification.createEmail({
      id: randomUUID(),
      userId: first.userId,
      type: 'order.confirmed',
      recipient: 'probe@example.com',
      content: { subject: 'Again', bodyText: 'Again', bodyHtml: null },
      key: { dedupeKey: first.dedupeKey, messageId: `<${randomUUID()}@probe>` },
      now: now(),
    });
    const pending: DomainEvent[] = [];
    withProbe(duplicate, pending);
    const stored = await tx.withTransaction(() => repos.notifications.insertIfAbsent(duplicate));
    expect(stored.id).toBe(first.id);
    expect(await outboxRows(pending)).toEqual([]);
  });

  it('When an aggregate or a save method on its repository port exists, then it has a case here', () => {
    const methods = aggregateSaveMethods();
    // The scan itself must see the known ones, or it would pass by finding nothing.
    expect(methods).toEqual(expect.arrayContaining(['Order.insert', 'User.insert', 'Payment.update']));
    expect(Object.keys(CASES).sort()).toEqual(expect.arrayContaining(methods));
  });
});

/**
 * Every `Aggregate.method` where a class in libs/<context>/src/domain extends
 * AggregateRoot and a repository port of that context declares a method taking it.
 */
function aggregateSaveMethods(): string[] {
  const libs = join(__dirname, '../../../libs');
  const found: string[] = [];
  for (const context of readdirSync(libs)) {
    const domain = join(libs, context, 'src', 'domain');
    let files: string[];
    try {
      files = readdirSync(domain).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    } catch {
      continue;
    }
    const sources = files.map((f) => ({ name: f, text: readFileSync(join(domain, f), 'utf8') }));
    const aggregates = sources.flatMap(({ text }) => [...text.matchAll(/export class (\w+) extends AggregateRoot\b/g)].map((m) => m[1]));
    for (const { text } of sources.filter((s) => s.name.endsWith('.repository.port.ts'))) {
      for (const aggregate of aggregates) {
        for (const m of text.matchAll(new RegExp(`^\\s*(\\w+)\\(\\s*\\w+: ${aggregate}\\b`, 'gm'))) found.push(`${aggregate}.${m[1]}`);
      }
    }
  }
  return [...new Set(found)].sort();
}
