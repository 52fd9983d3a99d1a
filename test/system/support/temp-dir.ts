import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temp dir that other local users may traverse (0755): PostgreSQL runs as the
 * `postgres` OS user when the tests run as root, and must reach its data, socket
 * and log dirs below this one. Nothing secret lives here.
 */
export function traversableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}
