import { Module } from '@nestjs/common';
import { CatalogModule } from '@keel/catalog';
import { IdentityModule } from '@keel/identity';
import { InventoryModule } from '@keel/inventory';
import { NotificationsModule } from '@keel/notifications';
import { OrdersModule } from '@keel/orders';
import { PaymentsModule } from '@keel/payments';
import { FeatureFlagsModule, PlatformModule, readServiceVersion } from '@keel/platform';

/** The HTTP API process: platform plus every bounded context's HTTP surface. */
@Module({
  imports: [
    PlatformModule.forRoot({ service: { name: 'keel-api', version: readServiceVersion() }, http: true }),
    FeatureFlagsModule.forRoot({ http: true }),
    IdentityModule,
    CatalogModule,
    InventoryModule,
    OrdersModule,
    NotificationsModule,
    PaymentsModule,
  ],
})
export class ApiModule {}
