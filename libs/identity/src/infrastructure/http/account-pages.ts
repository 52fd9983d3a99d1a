/**
 * The pages behind the links of account emails when PUBLIC_URL is the API's own
 * address (the default): a button that posts the token from the page's own
 * `?token=` to the API. Opening a link changes nothing (mail scanners prefetch
 * links); only the click does. Static markup: the token is read by the script in
 * the browser, nothing from the request is written into the page.
 */
const page = (title: string, form: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Keel</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
  label, input, button { display: block; font-size: 1rem; margin: .5rem 0; }
  input { width: 100%; padding: .5rem; box-sizing: border-box; }
  button { padding: .6rem 1rem; }
  #result { font-weight: bold; }
</style>
<script src="/account-pages.js" defer></script>
</head>
<body>
<h1>${title}</h1>
${form}
<p id="result" role="status"></p>
</body>
</html>
`;

export const VERIFY_EMAIL_PAGE = page(
  'Confirm your email address',
  `<form id="account-form" data-endpoint="/api/v1/auth/verify-email" data-done="Your email address is confirmed. You can now place orders.">
  <button type="submit">Confirm my email address</button>
</form>`,
);

export const RESET_PASSWORD_PAGE = page(
  'Choose a new password',
  `<form id="account-form" data-endpoint="/api/v1/auth/password-reset/confirm" data-done="Your password is changed and you are signed out everywhere. Log in with the new password.">
  <label for="newPassword">New password (at least 12 characters)</label>
  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="12" maxlength="256" required>
  <button type="submit">Set the new password</button>
</form>`,
);

/** Served as a file: the API's Content-Security-Policy allows scripts from 'self' only, none inline. */
export const ACCOUNT_PAGES_SCRIPT = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('account-form');
  var result = document.getElementById('result');
  var token = new URLSearchParams(window.location.search).get('token');
  if (!token) {
    result.textContent = 'This link has no token. Open the link from the email again.';
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { token: token };
    var password = document.getElementById('newPassword');
    if (password) body.newPassword = password.value;
    result.textContent = 'Sending…';
    fetch(form.dataset.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        if (response.ok) {
          result.textContent = form.dataset.done;
          form.hidden = true;
          return;
        }
        return response.json().then(function (problem) {
          result.textContent = (problem && problem.detail) || 'Something went wrong (' + response.status + ').';
        });
      })
      .catch(function () {
        result.textContent = 'The server could not be reached. Try again.';
      });
  });
});
`;
