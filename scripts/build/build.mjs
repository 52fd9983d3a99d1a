#!/usr/bin/env node
/**
 * `npm run build`: swc over the sources (`npm run build:swc`), then the @keel links
 * (link-libs.mjs) — skipping swc when no input changed since the last build.
 *
 * Why: every `npm start`, `npm test` and `npm run bench` builds first, and swc
 * over the whole checkout is ≈ 1.8 s of CPU even when nothing changed — a third
 * of a warm `npm start` (issue 13). swc's CLI has no incremental mode, so this
 * keeps a manifest of the inputs (path, size and mtime of every file swc reads,
 * plus .swcrc and the lock file, which decide how it compiles) in
 * dist/.build-manifest. Any difference — a saved, added or deleted file, a
 * `git checkout`, an `npm ci` — and a missing output file mean a full build, as
 * before. `KEEL_BUILD_FORCE=1` always builds.
 *
 *   node scripts/build/build.mjs
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist';
const MANIFEST = join(DIST, '.build-manifest');
/** What `build:swc` compiles, read from package.json as `npm run dev`'s watcher reads it (source-watcher.ts): one list. */
const INPUTS = swcInputs(JSON.parse(readFileSync('package.json', 'utf8')).scripts['build:swc']);
/** Not compiled, but they decide the output. */
const SETTINGS = ['.swcrc', 'package-lock.json', 'package.json'];

/** The paths of `swc <paths…> -d dist [flags]`: the words before the first flag. */
function swcInputs(command) {
  const [tool, ...words] = command.trim().split(/\s+/);
  if (tool !== 'swc') throw new Error(`build.mjs expects build:swc to be an swc command, found: ${command}`);
  const firstFlag = words.findIndex((word) => word.startsWith('-'));
  return firstFlag === -1 ? words : words.slice(0, firstFlag);
}

function* files(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) return yield [path, stat];
  for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const input of [...INPUTS, ...SETTINGS]) {
    for (const [path, stat] of files(input)) hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Every compiled source has its output (a deleted dist/ file is rebuilt even if the sources did not change). */
function outputsPresent() {
  for (const input of INPUTS) {
    for (const [path] of files(input)) {
      if (!path.endsWith('.ts') || /\.(spec|e2e-spec|test|fake)\.ts$/.test(path) || path.endsWith('.d.ts') || path.includes('/testing/'))
        continue;
      if (!existsSync(join(DIST, path.replace(/\.ts$/, '.js')))) return false;
    }
  }
  return true;
}

const before = fingerprint();
const upToDate =
  process.env.KEEL_BUILD_FORCE !== '1' && existsSync(MANIFEST) && readFileSync(MANIFEST, 'utf8') === before && outputsPresent();
if (!upToDate) {
  execFileSync('npm', ['run', '--silent', 'build:swc'], { stdio: 'inherit' });
  // Inputs saved during the build may or may not be in it: record what was there before it started.
  writeFileSync(MANIFEST, before);
}
execFileSync(process.execPath, [join('scripts', 'build', 'link-libs.mjs'), DIST], { stdio: 'inherit' });
