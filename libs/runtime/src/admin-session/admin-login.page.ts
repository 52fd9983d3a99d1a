import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const ADMIN_LOGIN_PATH = '/admin/login';

// No inline script or handler (the CSP allows scripts from 'self' only): the page's behaviour is login.js.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keel admin sign-in</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; } input { width: 100%; padding: .4rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: .5rem 1rem; } #error { color: #b00020; min-height: 1.5em; }
</style>
</head>
<body>
<h1>Keel admin</h1>
<p>Sign in to open the queue dashboard. The session lasts 30 minutes.</p>
<form id="login" method="post" action="${ADMIN_LOGIN_PATH}">
<label>Email <input id="email" name="email" type="email" autocomplete="username" required></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
<p id="error" role="alert"></p>
</form>
<script src="${ADMIN_LOGIN_PATH}/login.js"></script>
</body>
</html>
`;

const SCRIPT = `'use strict';
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  try {
    const login = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: document.getElementById('email').value, password: document.getElementById('password').value }),
    });
    if (!login.ok) throw new Error(login.status === 429 ? 'Too many attempts; wait and try again.' : 'Wrong email or password.');
    const { accessToken } = await login.json();
    const session = await fetch('/api/v1/admin/session', { method: 'POST', headers: { authorization: 'Bearer ' + accessToken } });
    if (session.status === 403) throw new Error('This account is not an admin.');
    if (!session.ok) throw new Error('Could not start the session (' + session.status + ').');
    // The access token is dropped here: the page keeps nothing but the HttpOnly cookie the browser holds.
    window.location.assign('/admin/queues');
  } catch (e) {
    error.textContent = e.message;
  }
});
`;

/**
 * GET /admin/login: a small sign-in page for the admin pages. It logs in with
 * the public API (POST /api/v1/auth/login), exchanges the access token for the
 * session cookie (POST /api/v1/admin/session) and opens /admin/queues. Served
 * straight from Fastify: not part of the API document.
 */
export function mountAdminLoginPage(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(ADMIN_LOGIN_PATH, (_request, reply) => reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(PAGE));
  fastify.get(`${ADMIN_LOGIN_PATH}/login.js`, (_request, reply) =>
    reply.header('cache-control', 'no-store').type('text/javascript; charset=utf-8').send(SCRIPT),
  );
}
