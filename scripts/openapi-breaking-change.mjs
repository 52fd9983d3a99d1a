#!/usr/bin/env node
// Breaking-change check of the public REST contract (openapi/v1.json), run by
// `npm run openapi:check` in CI.
//
// Compares the document in the working tree with the one at the base: OPENAPI_BASE_REF
// when set (a tag, a commit), else the merge base with `main` (the previous commit when
// HEAD is on main already). The differ is Optic (@useoptic/optic, its standard
// breaking-changes rules: a removed operation, response status, field or enum value, a
// narrowed type, a new required parameter or field...). A breaking change fails the check
// unless CHANGELOG.md records it under a major version that is newer than every version
// the base's CHANGELOG.md (and the base document) knew, in a section that says
// "Breaking". Consumers generate clients from the document, so a silent break is a
// broken client in someone else's production.
//
// Usage: node scripts/openapi-breaking-change.mjs [--root DIR]   (default: this checkout)
// Exit 0: no breaking change, or one recorded under a new major version; 1 otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCUMENT = 'openapi/v1.json';
const CHANGELOG = 'CHANGELOG.md';
const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : here;
const optic = join(here, 'node_modules/.bin/optic');

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const tryGit = (...args) => {
  try {
    return git(...args);
  } catch {
    return undefined;
  }
};

function baseRef() {
  if (process.env.OPENAPI_BASE_REF) return process.env.OPENAPI_BASE_REF;
  const head = git('rev-parse', 'HEAD');
  const mergeBase = tryGit('merge-base', 'HEAD', 'main');
  if (mergeBase && mergeBase !== head) return mergeBase;
  // On main (or main already contains HEAD): the change under test is HEAD's own.
  return tryGit('rev-parse', '--verify', '--quiet', 'HEAD^') ?? head;
}

/** Highest major version among `## [x.y.z]` / `## x.y.z` headings, with the text of its section. */
function newestMajor(changelog) {
  let best = { major: -1, section: '' };
  const sections = changelog.split(/^(?=## )/m);
  for (const section of sections) {
    const match = /^## \[?v?(\d+)\.\d+\.\d+/.exec(section);
    if (match && Number(match[1]) > best.major) best = { major: Number(match[1]), section };
  }
  return best;
}

function main() {
  const headFile = join(root, DOCUMENT);
  if (!existsSync(headFile)) throw new Error(`${DOCUMENT} is missing: run npm run openapi`);
  const base = baseRef();
  const baseDocument = tryGit('show', `${base}:${DOCUMENT}`);
  if (baseDocument === undefined) {
    console.log(`openapi breaking-change check: ${base.slice(0, 12)} has no ${DOCUMENT}; nothing to compare with.`);
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'keel-openapi-base-'));
  try {
    const baseFile = join(work, 'base.json');
    writeFileSync(baseFile, baseDocument);
    const diff = spawnSync(optic, ['diff', baseFile, headFile, '--check', '--severity', 'error'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, OPTIC_TELEMETRY_LEVEL: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const report = `${diff.stdout ?? ''}${diff.stderr ?? ''}`.replaceAll(baseFile, `${DOCUMENT}@${base.slice(0, 12)}`);
    console.log(report.trim());
    if (diff.error) throw diff.error;
    if (diff.status === 0) {
      console.log(`openapi breaking-change check: no breaking change against ${base.slice(0, 12)}.`);
      return 0;
    }
    // A breaking change: allowed only when CHANGELOG.md records it under a new major version.
    const headChangelog = existsSync(join(root, CHANGELOG)) ? readFileSync(join(root, CHANGELOG), 'utf8') : '';
    const baseChangelog = tryGit('show', `${base}:${CHANGELOG}`) ?? '';
    const baseVersion = /^(\d+)\./.exec(JSON.parse(baseDocument).info?.version ?? '')?.[1];
    const known = Math.max(newestMajor(baseChangelog).major, baseVersion === undefined ? -1 : Number(baseVersion));
    const newest = newestMajor(headChangelog);
    if (newest.major > known && /breaking/i.test(newest.section)) {
      console.log(
        `openapi breaking-change check: breaking changes above are recorded in ${CHANGELOG} under ${newest.major}.x.x (new major version); allowed.`,
      );
      return 0;
    }
    console.error(
      `openapi breaking-change check FAILED: the changes marked x above break clients of ${DOCUMENT} (base ${base.slice(0, 12)}).\n` +
        `Keep the old shape (add, do not remove or narrow), or record the change in ${CHANGELOG} under a new major version ` +
        `(newer than ${known}.x.x) in a section saying "Breaking", and deprecate before removing (see README, Consuming the API).`,
    );
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exit(main());
} catch (error) {
  console.error('openapi breaking-change check failed to run:', error instanceof Error ? error.message : error);
  process.exit(1);
}
