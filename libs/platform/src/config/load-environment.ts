import { getMetadataStorage } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { ensureDevelopmentJwtSecret } from './development-secrets';
import { Environment } from './environment.schema';
import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

const FILE_SUFFIX = '_FILE';

/**
 * Variables Keel reads: every property of `Environment` (validated or with a
 * default), plus the migration URL (also read by ormconfig.ts and the launcher). Other programs'
 * `*_FILE` variables (TF_CLI_CONFIG_FILE, ...) are not ours and stay untouched.
 */
export function knownVariables(): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((m) => m.propertyName);
  // Properties with a default but only a @Transform (no validator) are instance fields.
  const withDefaults = Object.keys(new Environment());
  return [...new Set([...validated, ...withDefaults, 'DATABASE_MIGRATION_URL'])];
}

/**
 * Secrets from files, the way Docker and Kubernetes mount them: for every
 * variable X in `names` (default: every variable Keel reads), a non-empty `X_FILE` names a file whose content becomes X (one
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
 * Called first thing by every entry point: loads `.env` if present, reads
 * `*_FILE` secrets, fills development defaults, validates, and on failure
 * prints one message naming every bad variable and exits 1 (no stack trace:
 * it is an operator error).
 */
export function loadEnvironmentOrExit(): Environment {
  try {
    if (existsSync('.env')) process.loadEnvFile('.env');
    resolveFileSecrets(process.env);
    ensureDevelopmentJwtSecret(process.env);
    return validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
