import { existsSync, readFileSync } from 'node:fs';
import { ensureDevelopmentJwtSecret } from './development-secrets';
import { Environment } from './environment.schema';
import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

const FILE_SUFFIX = '_FILE';
const FILE_VARIABLE = /^[A-Z][A-Z0-9_]*_FILE$/;

/**
 * Secrets from files, the way Docker and Kubernetes mount them: for every
 * variable X, a non-empty `X_FILE` names a file whose content becomes X (one
 * trailing newline, as `echo` and most editors leave, is dropped). `X_FILE` is
 * then removed, so child processes inherit X and do not resolve it twice.
 *
 * Setting both X and X_FILE, or naming a file that cannot be read, is an
 * `InvalidEnvironmentError` naming the variable. Messages carry the path and
 * the error code, never file content, so a misconfiguration cannot leak a
 * secret into logs. Mutates and returns `env`.
 */
export function resolveFileSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const problems: string[] = [];
  for (const fileVariable of Object.keys(env).filter((name) => FILE_VARIABLE.test(name))) {
    const path = env[fileVariable];
    const variable = fileVariable.slice(0, -FILE_SUFFIX.length);
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
