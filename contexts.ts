import { catalogContext } from '@keel/catalog';
import { identityContext } from '@keel/identity';
import { inventoryContext } from '@keel/inventory';
import { notificationsContext } from '@keel/notifications';
import { ordersContext } from '@keel/orders';
import { paymentsContext } from '@keel/payments';
import type { ContextDescriptor } from '@keel/kernel';

/**
 * The one list of bounded contexts. The API and the worker run their modules,
 * ormconfig.ts their entities and migrations (and seeds their feature flags),
 * the API document shows their tags and security schemes, and boot validates
 * their settings with the platform's. Adding a context is adding its descriptor
 * here; removing it is deleting its folder and its line.
 */
export const CONTEXTS: readonly ContextDescriptor[] = [
  identityContext,
  catalogContext,
  inventoryContext,
  ordersContext,
  notificationsContext,
  paymentsContext,
];
