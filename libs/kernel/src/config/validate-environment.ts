import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { Environment } from './environment.schema';

/** Thrown when the environment is invalid; its message names every offending variable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function describe(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {});
  const value = error.value === undefined ? 'missing' : 'invalid';
  return `${error.property} (${value}): ${messages.join('; ')}`;
}

/** The variables a settings class declares: every validated property, and every property with a default. */
export function declaredVariables(schema: Type<object>): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', true, false)
    .map((m) => m.propertyName);
  // Properties with a default but only a @Transform (no validator) are instance fields.
  const withDefaults = Object.keys(new schema());
  return [...new Set([...validated, ...withDefaults])];
}

/**
 * Validates raw variables into a typed `Environment`: the platform's own and
 * those of every context's settings class (`ContextDescriptor.settings`),
 * reported together, so one message names every bad variable of every context.
 * The result also carries each context's typed values, which the context reads
 * through Nest config. Empty strings count as unset, which is what `.env`
 * files and compose files usually mean by `FOO=`.
 */
export function validateEnvironment(raw: Record<string, unknown>, contextSettings: readonly Type<object>[] = []): Environment {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
  const problems: string[] = [];
  const validate = <T extends object>(schema: Type<T>): T => {
    // Every class sees every variable, so a context's rule may read a platform one (NODE_ENV) raw.
    const instance = plainToInstance(schema, cleaned, { exposeDefaultValues: true });
    problems.push(...validateSync(instance, { whitelist: false, forbidUnknownValues: false }).map(describe));
    return instance;
  };
  const env = validate(Environment);
  for (const schema of contextSettings) {
    const settings = validate(schema) as Record<string, unknown>;
    // Only the context's own, typed variables: the raw copies of everyone else's must not overwrite them.
    for (const name of declaredVariables(schema)) (env as unknown as Record<string, unknown>)[name] = settings[name];
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}
