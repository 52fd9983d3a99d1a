#!/usr/bin/env node
// `npm run openapi:check` (CI): the committed openapi/v1.json is exactly what the code
// serves, and it breaks no client of the previous version.
//   1. The document is exported from the booted app (scripts/openapi-export.mjs, after
//      `npm run build`) and compared with openapi/v1.json: any difference fails, with the
//      fix (`npm run openapi`, then commit the file with the change that caused it).
//   2. packages/client/src/generated/schema.ts (the typed client's types) is what
//      openapi-typescript generates from openapi/v1.json.
//   3. scripts/openapi-breaking-change.mjs compares openapi/v1.json with the base's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'openapi/v1.json');
const work = mkdtempSync(join(tmpdir(), 'keel-openapi-check-'));
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

let status = 0;
try {
  const served = join(work, 'served.json');
  if (run([join(root, 'scripts/openapi-export.mjs'), served]) !== 0) {
    status = 1;
  } else if (readFileSync(served, 'utf8') !== readFileSync(committed, 'utf8')) {
    const diff = spawnSync('diff', ['-u', committed, served], { encoding: 'utf8' }).stdout ?? '';
    console.error(diff.split('\n').slice(0, 80).join('\n'));
    console.error(
      'openapi:check FAILED: openapi/v1.json differs from the document the code serves (diff above, first 80 lines).\n' +
        'Run `npm run openapi` and commit openapi/v1.json with the change that caused it.',
    );
    status = 1;
  } else {
    console.log('openapi:check: openapi/v1.json matches the document the code serves.');
  }
  // The typed client (packages/client) is generated from the committed document: it must be too.
  const generated = join(work, 'schema.ts');
  const generator = spawnSync(join(root, 'node_modules/.bin/openapi-typescript'), [committed, '-o', generated, '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (generator.status !== 0) {
    status = 1;
  } else if (readFileSync(generated, 'utf8') !== readFileSync(join(root, 'packages/client/src/generated/schema.ts'), 'utf8')) {
    console.error(
      'openapi:check FAILED: packages/client/src/generated/schema.ts is not generated from openapi/v1.json.\n' +
        'Run `npm run openapi` (or `npm run client:generate`) and commit it.',
    );
    status = 1;
  } else {
    console.log('openapi:check: the @keel/client types match openapi/v1.json.');
  }
  // The breaking-change check runs even when the file is stale, so one run reports both.
  if (run([join(root, 'scripts/openapi-breaking-change.mjs')]) !== 0) status = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
