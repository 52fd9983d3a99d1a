#!/usr/bin/env node
/**
 * Makes `@keel/<lib>` and `@keel/<lib>/<path>` resolvable in the build output
 * the way tsconfig.json's wildcard paths make them resolvable in the sources:
 * dist/node_modules/@keel/<lib> is a link to dist/libs/<lib>/src, for every
 * folder under libs/. Node then resolves the specifiers swc left as written,
 * from any file under dist, and through the link's real path, so a module is
 * loaded once whoever requires it. A new lib needs no alias anywhere.
 *
 * Why not swc's own `jsc.paths`: swc matches only patterns ending in `*`, so it
 * cannot map `@keel/<lib>/contracts` to `libs/<lib>/src/contracts` with one wildcard.
 *
 *   node scripts/build/link-libs.mjs [dist]
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const scope = join(dist, 'node_modules', '@keel');
mkdirSync(scope, { recursive: true });
const libs = readdirSync(join(dist, 'libs'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
for (const lib of libs) {
  const target = join(dist, 'libs', lib.name, 'src');
  if (!existsSync(target)) continue;
  const link = join(scope, lib.name);
  if (existsSync(link) || isDanglingLink(link)) rmSync(link, { recursive: true, force: true });
  // Relative, so the output can be moved or copied (Docker COPY keeps links); a junction on Windows needs no privilege.
  if (process.platform === 'win32') symlinkSync(target, link, 'junction');
  else symlinkSync(relative(scope, target), link, 'dir');
}

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
