import { PgNotificationListener } from '@keel/persistence';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { Client } from 'pg';
import { waitFor } from '../../support/processes';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * A TCP proxy in front of PostgreSQL that can go silent without closing
 * anything: what a dead peer behind a partition looks like to the client.
 */
class SilenceableProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly upstreamPort: number) {
    this.server = createServer((downstream) => {
      const upstream = connect(this.upstreamPort, '127.0.0.1');
      for (const socket of [downstream, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      downstream.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => downstream.write(chunk));
      downstream.on('end', () => upstream.end());
      upstream.on('end', () => downstream.end());
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** Existing connections stop carrying bytes (but stay open); new ones work. */
  silenceExisting(): void {
    // Bytes are still read (so nothing backs up) but dropped.
    for (const socket of this.sockets) socket.removeAllListeners('data').on('data', () => undefined);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('PgNotificationListener', () => {
  let db: TestDatabase;
  let proxy: SilenceableProxy;
  let listener: PgNotificationListener | undefined;
  const channel = 'keel_listener_test';

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    proxy = new SilenceableProxy(Number(new URL(db.url).port || 5432));
  });
  afterEach(async () => listener?.stop());
  afterAll(async () => {
    await proxy.close();
    await db.drop();
  });

  const notify = async (payload: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    } finally {
      await client.end();
    }
  };

  it('When the session goes silent without closing, then the heartbeat declares it lost and it comes back as a gap', async () => {
    const url = new URL(db.url);
    url.port = String(await proxy.listen());
    const heard: string[] = [];
    const events: string[] = [];
    listener = new PgNotificationListener({
      connectionString: url.toString(),
      channel,
      applicationName: 'keel-listener-test',
      what: 'test notifications',
      meanwhile: 'nothing',
      onNotification: (payload) => heard.push(payload),
      onListening: ({ afterGap }) => events.push(afterGap ? 'listening after gap' : 'listening'),
      onLost: () => events.push('lost'),
      heartbeatMs: 200,
      reconnectDelayMs: 200,
    });
    await listener.start();
    expect(events).toEqual(['listening']);

    await notify('first');
    await waitFor(() => heard.includes('first'), 'first notification', 2_000);
    // Several heartbeats pass: none is passed on, none is missed.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(heard).toEqual(['first']);
    expect(events).toEqual(['listening']);

    proxy.silenceExisting();
    await waitFor(() => events.includes('lost'), 'the silent session declared lost', 2_000);
    expect(listener.listening).toBe(false);
    await waitFor(() => events.includes('listening after gap'), 'a new session', 3_000);
    expect(events).toEqual(['listening', 'lost', 'listening after gap']);
    await notify('second');
    await waitFor(() => heard.includes('second'), 'second notification', 2_000);
    expect(heard).toEqual(['first', 'second']);
  });

  it('When no heartbeat is asked for, then only notifications and real disconnects are reported (the feature-flag behaviour)', async () => {
    const events: string[] = [];
    const heard: string[] = [];
    listener = new PgNotificationListener({
      connectionString: db.url,
      channel,
      applicationName: 'keel-listener-test',
      what: 'test notifications',
      meanwhile: 'nothing',
      onNotification: (payload) => heard.push(payload),
      onListening: ({ afterGap }) => events.push(afterGap ? 'listening after gap' : 'listening'),
      onLost: () => events.push('lost'),
      reconnectDelayMs: 200,
    });
    await listener.start();
    await notify('x');
    await waitFor(() => heard.includes('x'), 'notification', 2_000);
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'keel-listener-test' AND datname = current_database()`,
    );
    await admin.end();
    await waitFor(() => events.includes('listening after gap'), 'reconnected', 3_000);
    expect(events).toEqual(['listening', 'lost', 'listening after gap']);
  });

  it('When the channel name is not a plain identifier, then the listener refuses it (LISTEN takes no parameters)', () => {
    expect(
      () =>
        new PgNotificationListener({
          connectionString: db.url,
          channel: 'x; DROP TABLE y',
          applicationName: 'x',
          what: 'x',
          meanwhile: 'x',
          onNotification: () => undefined,
        }),
    ).toThrow(/Invalid notification channel/);
  });
});
