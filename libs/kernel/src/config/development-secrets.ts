import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production a missing JWT_SECRET is generated once and kept under the
 * data directory, so tokens survive restarts without anyone committing a secret.
 */
export function ensureDevelopmentJwtSecret(env: NodeJS.ProcessEnv): void {
  if (env.JWT_SECRET || env.NODE_ENV === 'production') return;
  const dir = env.KEEL_DATA_DIR || '.data';
  const file = join(dir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  env.JWT_SECRET = readFileSync(file, 'utf8').trim();
}
