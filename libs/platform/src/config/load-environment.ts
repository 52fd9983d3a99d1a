import { existsSync } from 'node:fs';
import { ensureDevelopmentJwtSecret } from './development-secrets';
import { Environment } from './environment.schema';
import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

/**
 * Called first thing by every entry point: loads `.env` if present, fills
 * development defaults, validates, and on failure prints one message naming
 * every bad variable and exits 1 (no stack trace: it is an operator error).
 */
export function loadEnvironmentOrExit(): Environment {
  if (existsSync('.env')) process.loadEnvFile('.env');
  ensureDevelopmentJwtSecret(process.env);
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
