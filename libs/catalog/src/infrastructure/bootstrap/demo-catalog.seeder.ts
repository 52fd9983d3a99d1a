import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ConflictError, PROCESS_ROLE, type ProcessRole } from '@keel/kernel';
import { CatalogConfig } from '../../catalog.environment';
import { CreateProductCommand, ListProductsQuery } from '../../application';

const DEMO_PRODUCTS = [
  { sku: 'DEMO-MUG', name: 'Keel mug', description: 'Stoneware, 350 ml.', price: { amount: 1200, currency: 'USD' }, stock: 25 },
  { sku: 'DEMO-TEE', name: 'Keel T-shirt', description: 'Organic cotton.', price: { amount: 2500, currency: 'USD' }, stock: 10 },
  { sku: 'DEMO-CAP', name: 'Keel cap', description: 'One size.', price: { amount: 1800, currency: 'USD' }, stock: 3 },
];

/**
 * With SEED_DEMO_DATA=true (what `npm start` sets) an empty catalog gets a few
 * products, so a newcomer can place an order from Swagger UI right away.
 */
@Injectable()
export class DemoCatalogSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCatalogSeeder.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly config: CatalogConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('SEED_DEMO_DATA', { infer: true }) || this.role !== 'api') return;
    const existing = await this.queries.execute(new ListProductsQuery(1));
    if (existing.items.length > 0) return;
    for (const p of DEMO_PRODUCTS) {
      try {
        await this.commands.execute(new CreateProductCommand(p.sku, p.name, p.description, p.price, p.stock));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // another instance seeded it first
      }
    }
    this.logger.log(`Seeded ${DEMO_PRODUCTS.length} demo products (SEED_DEMO_DATA=true)`);
  }
}
