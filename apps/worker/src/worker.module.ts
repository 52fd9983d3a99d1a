import { Module } from '@nestjs/common';
import { CatalogModule } from '@keel/catalog';
import { IdentityModule } from '@keel/identity';
import { InventoryModule } from '@keel/inventory';
import { NotificationsModule } from '@keel/notifications';
import { OrdersModule } from '@keel/orders';
import { PaymentsModule } from '@keel/payments';
import { FeatureFlagsModule, PlatformModule, readServiceVersion } from '@keel/platform';

/**
 * The background worker process: the outbox relay and every context's event
 * consumers. It runs as a Nest application context (no HTTP routes of the
 * contexts); a small probe server answers health checks.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ service: { name: 'keel-worker', version: readServiceVersion() }, worker: true }),
    FeatureFlagsModule.forRoot(),
    IdentityModule,
    CatalogModule,
    InventoryModule,
    OrdersModule,
    NotificationsModule,
    PaymentsModule,
  ],
})
export class WorkerModule {}
