import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabaseRoles } from '../../../scripts/db/create-roles';

/**
 * The owner and app roles in the embedded database, with passwords generated once
 * and kept beside the superuser's under the data directory. Runs at every start
 * (idempotent); it also hands objects an older launcher created as the superuser
 * to keel_owner, so existing ./.data directories keep working.
 */
export async function embeddedRoles(superuserUrl: string, dataDir: string): Promise<{ ownerUrl: string; appUrl: string }> {
  const ownerPassword = readOrCreateSecret(join(dataDir, 'postgres-owner-password'));
  const appPassword = readOrCreateSecret(join(dataDir, 'postgres-app-password'));
  const { ownerRole, appRole } = await createDatabaseRoles({
    adminUrl: superuserUrl,
    ownerRole: 'keel_owner',
    appRole: 'keel_app',
    ownerPassword,
    appPassword,
    adoptOwnership: true,
  });
  const as = (role: string, password: string) => {
    const url = new URL(superuserUrl);
    url.username = role;
    url.password = encodeURIComponent(password);
    return url.toString();
  };
  return { ownerUrl: as(ownerRole, ownerPassword), appUrl: as(appRole, appPassword) };
}

function readOrCreateSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
