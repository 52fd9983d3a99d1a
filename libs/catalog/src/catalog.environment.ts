import { ConfigService } from '@nestjs/config';
import { Transform, Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The environment variables the catalog context owns, validated at boot with
 * the platform's (catalogContext.settings). Read with `ConfigService<CatalogEnvironment, true>`.
 */
export class CatalogEnvironment {
  /** Creates a few demo products at boot when the catalog has none (`npm start` turns it on). */
  @Transform(({ value }) => value === true || value === 'true')
  SEED_DEMO_DATA = false;

  /** Largest product image an admin may upload, in bytes (declared at creation, checked again by the verification job). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  IMAGE_MAX_BYTES = 5 * 1024 * 1024;
}

/** Typed access to these variables: inject `ConfigService` as `CatalogConfig` and call `config.get('NAME', { infer: true })`. */
export type CatalogConfig = ConfigService<CatalogEnvironment, true>;
export const CatalogConfig = ConfigService;
