import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const DEFAULT_RECONNECT_DELAY_MS = 5_000;
/** Payloads starting with this are the listeners' own heartbeats: never passed on. */
const HEARTBEAT_PREFIX = 'keel-heartbeat:';
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PgNotificationListenerOptions {
  connectionString: string;
  /** A plain lowercase identifier: it is written into the LISTEN statement (LISTEN takes no parameters). */
  channel: string;
  /** Shown in pg_stat_activity, so operators (and tests) can find the session. */
  applicationName: string;
  /** For log lines: "Could not LISTEN for <what>". */
  what: string;
  /** For log lines: what covers for the missed NOTIFYs meanwhile. */
  meanwhile: string;
  /** Called for every notification on the channel, with its payload. */
  onNotification: (payload: string) => void;
  /**
   * Called each time LISTEN is in place. `afterGap` is false only when the
   * very first attempt succeeded; after a lost session or a failed first
   * attempt it is true: NOTIFYs sent while nobody listened are gone.
   */
  onListening?: (info: { afterGap: boolean }) => void;
  /** Called when the session is lost or could not be opened: from now on NOTIFYs are missed. */
  onLost?: () => void;
  reconnectDelayMs?: number;
  /**
   * When set, the session NOTIFYs itself this often and must hear the echo
   * within the same period; otherwise it counts as lost. It catches a session
   * that is silently dead (TCP keepalive takes minutes) or that never receives
   * NOTIFYs, for callers that must know rather than assume.
   */
  heartbeatMs?: number;
}

/**
 * One dedicated PostgreSQL session that LISTENs on a channel. PostgreSQL
 * delivers a NOTIFY only after its transaction committed, to every listening
 * session, so it is a reliable "this committed" signal for as long as the
 * session lives. When the session is lost (or cannot be opened), the listener
 * says so and reconnects every few seconds; the caller decides how to cover
 * the gap (a refresh, bypassing a cache…).
 */
export class PgNotificationListener {
  private readonly logger = new Logger(PgNotificationListener.name);
  private client?: Client;
  private running = false;
  private reconnectTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  /** The heartbeat awaiting its echo, and what to call when it arrives. */
  private awaitedEcho?: { payload: string; heard: () => void };

  constructor(private readonly options: PgNotificationListenerOptions) {
    if (!CHANNEL_NAME.test(options.channel)) throw new Error(`Invalid notification channel name: ${options.channel}`);
  }

  /** True while the LISTEN session is up. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Resolves after the first attempt, successful or not (boot never hangs on the database). */
  async start(): Promise<void> {
    this.running = true;
    await this.connect(false);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(afterGap: boolean): Promise<void> {
    const { channel, what, meanwhile } = this.options;
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      // Boot must not hang on an unreachable database, and an idle LISTEN session must notice a dead peer.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      const payload = message.payload ?? '';
      if (!payload.startsWith(HEARTBEAT_PREFIX)) this.options.onNotification(payload);
      else if (this.awaitedEcho?.payload === payload) this.awaitedEcho.heard();
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return; // stopped by us, or already handled
      this.logger.warn({ err: error, channel }, `LISTEN for ${what} lost; ${meanwhile} until it is back`);
      this.client = undefined;
      clearTimeout(this.heartbeatTimer);
      this.awaitedEcho = undefined;
      this.options.onLost?.();
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    // A server-side close does not always come with an error event.
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (!this.running) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.options.onListening?.({ afterGap });
      this.scheduleHeartbeat(client, lost);
    } catch (error) {
      this.logger.warn({ err: error, channel }, `Could not LISTEN for ${what}; ${meanwhile}`);
      await client.end().catch(() => undefined);
      this.options.onLost?.();
      this.scheduleReconnect();
    }
  }

  private scheduleHeartbeat(client: Client, lost: (error?: Error) => void): void {
    const every = this.options.heartbeatMs;
    if (!every) return;
    this.heartbeatTimer = setTimeout(() => {
      if (this.client !== client) return;
      const payload = `${HEARTBEAT_PREFIX}${randomUUID()}`;
      const deadline = setTimeout(() => lost(new Error(`No heartbeat echo within ${every} ms`)), every);
      deadline.unref();
      this.awaitedEcho = {
        payload,
        heard: () => {
          clearTimeout(deadline);
          this.awaitedEcho = undefined;
          this.scheduleHeartbeat(client, lost);
        },
      };
      client.query('SELECT pg_notify($1, $2)', [this.options.channel, payload]).catch((error: Error) => {
        clearTimeout(deadline);
        lost(error);
      });
    }, every);
    this.heartbeatTimer.unref();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(true), this.options.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
