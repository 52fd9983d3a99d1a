import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT, waitFor } from '../support/processes';

/**
 * `npm run mock` (Prism on openapi/v1.json), for front-end teams to build against
 * before the backend runs: it answers with the document's examples.
 */
jest.setTimeout(60_000);

type Schema = { $ref?: string; example?: unknown; properties?: Record<string, Schema>; items?: Schema; type?: string };
const document = JSON.parse(readFileSync(join(ROOT, 'openapi/v1.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema; example?: unknown }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

/** The body an example-driven mock should build from a schema: each field's example, $refs followed. */
function exampleOf(schema: Schema): unknown {
  if (schema.$ref) return exampleOf(document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.example !== undefined) return schema.example;
  if (schema.items) return [exampleOf(schema.items)];
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, exampleOf(property)]));
}

describe('npm run mock', () => {
  it('When GET /api/v1/products is asked of the mock, then it answers 200 with the example body of the document', async () => {
    const port = await freePort();
    const mock = spawn('npm', ['run', '--silent', 'mock'], {
      cwd: ROOT,
      env: { ...process.env, MOCK_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // npm → sh → prism: the whole group is stopped at the end
    });
    let output = '';
    mock.stdout.on('data', (d: Buffer) => (output += d.toString()));
    mock.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((done) => mock.on('exit', done));
    try {
      await waitFor(() => /Prism is listening/.test(output), `the mock server:\n${output}`, 45_000);
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/products`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: Array<{ id: string; sku: string; price: unknown }> };
      // The response's own example (swagger.ts assembles it from the fields'), which must be what its schema's fields say.
      const media = document.paths['/api/v1/products'].get.responses['200'].content['application/json'];
      expect(media.example).toEqual(exampleOf(media.schema));
      const expected = media.example;
      expect(body).toEqual(expected);
      expect(body.items[0]).toMatchObject({ sku: 'TEE-BLK-M', price: { amount: 1999, currency: 'USD' } });
    } finally {
      process.kill(-mock.pid!, 'SIGTERM');
      await exited;
    }
  });
});
