import { startTestApp, TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

const ADMIN = { email: 'queue-admin@example.com', password: 'queue admin password' };

describe('Queue dashboard at /admin/queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    await t.close();
  });

  it('When called without a token, then 401 problem+json', async () => {
    const res = await t.http().get('/admin/queues/api/queues').expect(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('When a customer calls it, then 403', async () => {
    const { accessToken } = await signUp(t);
    await t.http().get('/admin/queues').set('authorization', `Bearer ${accessToken}`).expect(403);
  });

  it('When an admin calls it, then the UI and the queue list are served', async () => {
    const token = (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
    const ui = await t.http().get('/admin/queues').set('authorization', `Bearer ${token}`).expect(200);
    expect(ui.text).toContain('<html');
    const api = await t.http().get('/admin/queues/api/queues').set('authorization', `Bearer ${token}`).expect(200);
    const names = (api.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(['catalog', 'inventory', 'notifications', 'orders', 'payments']);
  });
});
