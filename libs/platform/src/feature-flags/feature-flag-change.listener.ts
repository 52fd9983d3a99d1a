import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { FEATURE_FLAGS_CHANNEL } from './feature-flag';

const RECONNECT_DELAY_MS = 5_000;

/**
 * One dedicated PostgreSQL session that LISTENs for flag changes (the table's
 * trigger NOTIFYs at commit) and calls `onChange`. After a lost connection it
 * reconnects and calls `onChange` once more, since notifications sent while it
 * was away are gone; the runtime's periodic refresh covers the gap meanwhile.
 */
export class FeatureFlagChangeListener {
  private readonly logger = new Logger(FeatureFlagChangeListener.name);
  private client?: Client;
  private running = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly onChange: () => void,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: 'keel-feature-flags-listener',
      // Boot must not hang on an unreachable database, and an idle LISTEN session must notice a dead peer.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', () => this.onChange());
    const lost = (error?: Error) => {
      if (this.client !== client) return; // stopped by us, or already handled
      this.logger.warn({ err: error }, 'Feature flag LISTEN connection lost; relying on the periodic refresh until it is back');
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    // A server-side close does not always come with an error event.
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${FEATURE_FLAGS_CHANNEL}`);
      if (!this.running) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not LISTEN for feature flag changes; relying on the periodic refresh');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.reconnectTimer = setTimeout(() => {
      void this.connect().then(() => {
        // Changes may have committed while nobody was listening.
        if (this.client) this.onChange();
      });
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
