import { ConfigService } from '@nestjs/config';
import { Transform } from 'class-transformer';

/**
 * The environment variables the catalog context owns, validated at boot with
 * the platform's (catalogContext.settings). Read with `ConfigService<CatalogEnvironment, true>`.
 */
export class CatalogEnvironment {
  /** Creates a few demo products at boot when the catalog has none (`npm start` turns it on). */
  @Transform(({ value }) => value === true || value === 'true')
  SEED_DEMO_DATA = false;
}

/** Typed access to these variables: inject `ConfigService` as `CatalogConfig` and call `config.get('NAME', { infer: true })`. */
export type CatalogConfig = ConfigService<CatalogEnvironment, true>;
export const CatalogConfig = ConfigService;
