import { startTestApp, type TestApp } from '../../support/test-app';

/** DOCS_ENABLED=false (issue 16 point 7): no Swagger UI and no OpenAPI document; the API itself unchanged. */
describe('DOCS_ENABLED', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DOCS_ENABLED: 'false' });
    // startTestApp writes its variables into process.env: the next app in this worker must get the default again.
    delete process.env.DOCS_ENABLED;
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['/docs', '/docs/', '/docs-json', '/docs-yaml'])('When docs are disabled, then %s answers 404 problem+json', async (path) => {
    const res = await t.http().get(path).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('When docs are disabled, then the API still answers', async () => {
    await t.http().get('/api/v1/products').expect(200);
  });

  it('When DOCS_ENABLED is left unset, then the docs are served (the default)', async () => {
    const other = await startTestApp();
    try {
      const res = await other.http().get('/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
    } finally {
      await other.close();
    }
  });
});
