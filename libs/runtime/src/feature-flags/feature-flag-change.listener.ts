import { PgNotificationListener } from '@keel/persistence';
import { FEATURE_FLAGS_CHANNEL } from './feature-flag';

/**
 * LISTENs for flag changes (the table's trigger NOTIFYs at commit) and calls
 * `onChange`. After a lost connection it reconnects and calls `onChange` once
 * more, since NOTIFYs sent while it was away are gone; the runtime's
 * periodic refresh covers the gap meanwhile.
 */
export class FeatureFlagChangeListener {
  private readonly listener: PgNotificationListener;

  constructor(connectionString: string, onChange: () => void) {
    this.listener = new PgNotificationListener({
      connectionString,
      channel: FEATURE_FLAGS_CHANNEL,
      applicationName: 'keel-feature-flags-listener',
      what: 'feature flag changes',
      meanwhile: 'relying on the periodic refresh',
      onNotification: () => onChange(),
      // Changes may have committed while nobody was listening.
      onListening: ({ afterGap }) => {
        if (afterGap) onChange();
      },
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
