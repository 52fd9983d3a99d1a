import 'reflect-metadata';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { resolveFileSecrets } from '../../libs/kernel/src/config/load-environment';

/** Role names are interpolated with format('%I') server-side; this only keeps them boring. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SCRAM_ITERATIONS = 4096;

export interface DatabaseRolesOptions {
  /** A superuser (or the database owner with CREATEROLE), connected to the target database. */
  adminUrl: string;
  ownerRole?: string;
  appRole?: string;
  /** Plain passwords; only SCRAM-SHA-256 verifiers leave this process. Unset: unchanged. */
  ownerPassword?: string;
  appPassword?: string;
  queueSchema?: string;
  /** Hand existing objects (migrated earlier by another role) to the owner role first. */
  adoptOwnership?: boolean;
}

/**
 * The verifier PostgreSQL stores for `password_encryption = scram-sha-256`
 * (RFC 5802/7677), computed here so `ALTER ROLE ... PASSWORD` never carries the
 * plain password to the server, where statement logging could record it.
 */
export function scramSha256Verifier(password: string, salt = randomBytes(16)): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Creates (or updates) the owner and app roles for the database `adminUrl`
 * points at, by running scripts/db/create-roles.sql. Idempotent.
 */
export async function createDatabaseRoles(options: DatabaseRolesOptions): Promise<{ ownerRole: string; appRole: string }> {
  const ownerRole = options.ownerRole ?? 'keel_owner';
  const appRole = options.appRole ?? 'keel_app';
  for (const [name, value] of [
    ['owner role', ownerRole],
    ['app role', appRole],
    ['queue schema', options.queueSchema ?? 'bullmq'],
  ]) {
    if (!ROLE_NAME.test(value)) throw new Error(`${name} must match ${ROLE_NAME} (got ${JSON.stringify(value)})`);
  }
  const sql = readFileSync(join(__dirname, 'create-roles.sql'), 'utf8');
  const client = new Client({ connectionString: options.adminUrl, application_name: 'keel-create-roles' });
  await client.connect();
  try {
    const settings: Record<string, string> = {
      'keel.owner_role': ownerRole,
      'keel.app_role': appRole,
      'keel.owner_password': options.ownerPassword ? scramSha256Verifier(options.ownerPassword) : '',
      'keel.app_password': options.appPassword ? scramSha256Verifier(options.appPassword) : '',
      'keel.queue_schema': options.queueSchema ?? 'bullmq',
      'keel.adopt_ownership': options.adoptOwnership ? 'on' : 'off',
    };
    for (const [name, value] of Object.entries(settings)) await client.query('SELECT set_config($1, $2, false)', [name, value]);
    await client.query(sql);
  } finally {
    await client.end();
  }
  return { ownerRole, appRole };
}

/**
 * CLI (`npm run db:create-roles`): DATABASE_ADMIN_URL names the target database
 * as a superuser; KEEL_OWNER_ROLE / KEEL_APP_ROLE (defaults keel_owner,
 * keel_app); KEEL_OWNER_PASSWORD / KEEL_APP_PASSWORD, or their *_FILE forms;
 * KEEL_ADOPT_OWNERSHIP=true to take over objects an earlier migration created as another role.
 */
async function main(): Promise<void> {
  const env = resolveFileSecrets({ ...process.env }, ['DATABASE_ADMIN_URL', 'KEEL_OWNER_PASSWORD', 'KEEL_APP_PASSWORD']);
  if (!env.DATABASE_ADMIN_URL) throw new Error('DATABASE_ADMIN_URL is required (a superuser URL to the target database)');
  const { ownerRole, appRole } = await createDatabaseRoles({
    adminUrl: env.DATABASE_ADMIN_URL,
    ownerRole: env.KEEL_OWNER_ROLE || undefined,
    appRole: env.KEEL_APP_ROLE || undefined,
    ownerPassword: env.KEEL_OWNER_PASSWORD || undefined,
    appPassword: env.KEEL_APP_PASSWORD || undefined,
    adoptOwnership: env.KEEL_ADOPT_OWNERSHIP === 'true',
  });
  process.stdout.write(`roles ready: ${ownerRole} (owner, migrations), ${appRole} (application)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // The message names what failed; it never contains a password (only verifiers are sent).
    process.stderr.write(`create-roles failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
