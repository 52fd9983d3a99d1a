import type { DynamicModule, Type } from '@nestjs/common';
import type { DocumentBuilder } from '@nestjs/swagger';

/** An OpenAPI security scheme, as `DocumentBuilder.addSecurity` takes it. */
export type OpenApiSecurityScheme = Parameters<DocumentBuilder['addSecurity']>[1];

/** A group of operations in the API document (`@ApiTags(name)` on a controller). */
export interface OpenApiTag {
  name: string;
  description: string;
}

/** A runtime flag a context reads, created with this value when missing (an operator's later change is kept). */
export interface FeatureFlagSeed {
  key: string;
  value: boolean | number | string;
  description: string;
}

/**
 * Everything the processes, the migration step, the API document and the
 * config validation need to know about one bounded context. Each context
 * exports exactly one from its `index.ts`, and the root `contexts.ts` lists
 * them: registering a context is adding it to that list, nothing else. The
 * platform receives descriptors as parameters and never imports a context.
 */
export interface ContextDescriptor {
  /** Lowercase name, also the context's folder under `libs/`. */
  readonly name: string;
  /** The Nest module the API imports (controllers, handlers, consumers). */
  readonly module: Type<unknown> | DynamicModule;
  /** The module the worker imports when it differs from `module` (e.g. no controllers). Default: `module`. */
  readonly workerModule?: Type<unknown> | DynamicModule;
  /** ORM entities of the context's tables. */
  readonly entities: readonly Type<unknown>[];
  /** The context's migrations; they run in timestamp order with everyone else's. */
  readonly migrations: readonly Type<unknown>[];
  readonly openApi?: {
    tags?: readonly OpenApiTag[];
    /** Security schemes the context's operations reference by name (`@ApiSecurity(name)`). */
    securitySchemes?: Readonly<Record<string, OpenApiSecurityScheme>>;
  };
  /**
   * A class-validator class of the environment variables the context owns.
   * Validated at boot together with the platform's own: one message names every
   * bad variable of every context. Read them through Nest config (`ConfigService<TheClass, true>`).
   */
  readonly settings?: Type<object>;
  /** Runtime flags the context reads, created by the migration step when missing. */
  readonly featureFlags?: readonly FeatureFlagSeed[];
  /** Request or outbound header names (lowercase) that carry secrets and must be redacted from logs. */
  readonly secretHeaders?: readonly string[];
}

/** The settings classes of the given contexts, for config validation and `*_FILE` resolution. */
export const settingsOf = (contexts: readonly ContextDescriptor[]): Type<object>[] =>
  contexts.flatMap((context) => (context.settings ? [context.settings] : []));

/** Injection token of the descriptors a process was started with (`PlatformModule.forRoot({ contexts })`). */
export const REGISTERED_CONTEXTS = Symbol('REGISTERED_CONTEXTS');

/** The Nest modules of the given contexts for one process: the app modules import these. */
export const contextModules = (contexts: readonly ContextDescriptor[], process: 'api' | 'worker'): (Type<unknown> | DynamicModule)[] =>
  contexts.map((context) => (process === 'worker' ? (context.workerModule ?? context.module) : context.module));
