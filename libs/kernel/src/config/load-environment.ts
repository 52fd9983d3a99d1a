import type { Type } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { ensureDevelopmentJwtSecret } from './development-secrets';
import { Environment } from './environment.schema';
import { declaredVariables, InvalidEnvironmentError, validateEnvironment } from './validate-environment';

const FILE_SUFFIX = '_FILE';

/**
 * Variables Keel reads: every variable of `Environment` and of the given
 * contexts' settings classes (validated or with a default), plus the migration
 * URL (also read by ormconfig.ts and the launcher). Other programs'
 * `*_FILE` variables (TF_CLI_CONFIG_FILE, ...) are not ours and stay untouched.
 */
export function knownVariables(contextSettings: readonly Type<object>[] = []): string[] {
  const declared = [Environment, ...contextSettings].flatMap(declaredVariables);
  return [...new Set([...declared, 'DATABASE_MIGRATION_URL'])];
}

/**
 * Secrets from files, the way Docker and Kubernetes mount them: for every
 * variable X in `names` (default: every variable the platform reads; pass
 * `knownVariables(settingsOf(CONTEXTS))` for the contexts' too), a non-empty `X_FILE` names a file whose content becomes X (one
 * trailing newline, as `echo` and most editors leave, is dropped). `X_FILE` is
 * then removed, so child processes inherit X and do not resolve it twice.
 *
 * Setting both X and X_FILE, or naming a file that cannot be read, is an
 * `InvalidEnvironmentError` naming the variable. Messages carry the path and
 * the error code, never file content, so a misconfiguration cannot leak a
 * secret into logs. Mutates and returns `env`.
 */
export function resolveFileSecrets(env: NodeJS.ProcessEnv, names: readonly string[] = knownVariables()): NodeJS.ProcessEnv {
  const problems: string[] = [];
  for (const variable of names) {
    const fileVariable = `${variable}${FILE_SUFFIX}`;
    if (!(fileVariable in env)) continue;
    const path = env[fileVariable];
    if (!path) {
      delete env[fileVariable];
      continue;
    }
    if (env[variable] !== undefined && env[variable] !== '') {
      problems.push(`${variable} (invalid): set either ${variable} or ${fileVariable}, not both`);
      continue;
    }
    try {
      env[variable] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
      delete env[fileVariable];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'read error';
      problems.push(`${variable} (invalid): ${fileVariable} names a file that cannot be read (${path}: ${code})`);
    }
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}

/**
 * Called first thing by every entry point, with the settings classes of the
 * contexts it runs: loads `.env` if present, reads `*_FILE` secrets, fills
 * development defaults, validates the platform's and the contexts' variables, and on failure
 * prints one message naming every bad variable and exits 1 (no stack trace:
 * it is an operator error).
 */
export function loadEnvironmentOrExit(contextSettings: readonly Type<object>[] = []): Environment {
  try {
    if (existsSync('.env')) process.loadEnvFile('.env');
    resolveFileSecrets(process.env, knownVariables(contextSettings));
    ensureDevelopmentJwtSecret(process.env);
    return validateEnvironment(process.env, contextSettings);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
