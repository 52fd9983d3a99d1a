#!/usr/bin/env node
// Writes the OpenAPI document the API really serves (GET /docs-json) to
// reports/openapi.json, for `npm run lint:openapi` (Spectral + OWASP ruleset).
//
// The document is taken from the live app, not rebuilt from the sources, so the
// lint sees exactly what clients see. The app is the compiled one in dist/ (run
// `npm run build` first), booted the way the e2e tests boot it: against its own
// throw-away, migrated database on DATABASE_URL's server, which is dropped after.
//
// Usage: node scripts/openapi-export.mjs [output-file]   (default reports/openapi.json)
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const output = resolve(root, process.argv[2] ?? 'reports/openapi.json');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  require('reflect-metadata');
  const { runMigrations } = require(resolve(root, 'dist/ormconfig.js'));
  const { validateEnvironment } = require(resolve(root, 'dist/libs/kernel/src/index.js'));
  const { createApiApp } = require(resolve(root, 'dist/apps/api/src/create-api-app.js'));

  const database = `keel_openapi_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database}`);
  let app;
  try {
    const url = withDatabase(serverUrl, database);
    await runMigrations(url);
    // Only what booting needs; the document does not depend on secrets or Redis.
    // The config module reads process.env itself, so the values go there.
    const env = process.env;
    Object.assign(env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      DATABASE_URL: url,
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      QUEUE_PREFIX: `openapi-${randomBytes(4).toString('hex')}`,
      SEED_DEMO_DATA: 'false',
    });
    delete env.REDIS_URL;
    delete env.ADMIN_EMAIL;
    delete env.ADMIN_PASSWORD;
    app = await createApiApp(validateEnvironment(env));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
    if (response.statusCode !== 200) throw new Error(`GET /docs-json answered ${response.statusCode}`);
    const document = JSON.parse(response.body);
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
    console.error(`OpenAPI document (${Object.keys(document.paths ?? {}).length} paths) written to ${output}`);
  } finally {
    await app?.close();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('openapi-export failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
