import type { ContextDescriptor } from '@keel/kernel';
import { PaymentsEnvironment } from './payments.environment';
import { PAYMENTS_FEATURE_FLAGS } from './infrastructure/config/payments.feature-flags';
import { WEBHOOK_SIGNATURE_HEADERS, WEBHOOK_SIGNATURE_SCHEMES } from './infrastructure/http/webhook-signature.openapi';
import { PAYMENTS_MIGRATIONS, PAYMENTS_ORM_ENTITIES } from './infrastructure/persistence';
import { PaymentsModule } from './payments.module';

/** The payments context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const paymentsContext: ContextDescriptor = {
  name: 'payments',
  module: PaymentsModule,
  entities: PAYMENTS_ORM_ENTITIES,
  migrations: PAYMENTS_MIGRATIONS,
  openApi: { tags: [{ name: 'payments', description: 'Payment provider webhooks' }], securitySchemes: WEBHOOK_SIGNATURE_SCHEMES },
  settings: PaymentsEnvironment,
  featureFlags: PAYMENTS_FEATURE_FLAGS,
  secretHeaders: WEBHOOK_SIGNATURE_HEADERS,
};
