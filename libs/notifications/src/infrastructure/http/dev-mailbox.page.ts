import { escapeHtml } from '../templates/interpolate';

export interface MailboxEntry {
  recipient: string;
  subject: string;
  createdAt: Date;
  bodyText: string | null;
  bodyHtml: string | null;
}

/**
 * The links of an email: the targets of the anchors of its HTML body. Only our
 * templates write anchors (template values are HTML-escaped), so user-supplied
 * text never becomes a link here either. http(s) only.
 */
export function linksOf(html: string | null): string[] {
  if (!html) return [];
  const links = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => unescapeHtml(m[1]));
  return [...new Set(links.filter((href) => /^https?:\/\//i.test(href)))];
}

const unescapeHtml = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');

/** The whole /dev/mailbox page: static markup, every value escaped, no script (the API's CSP allows none inline). */
export function renderMailboxPage(entries: MailboxEntry[]): string {
  const items = entries
    .map((entry) => {
      const links = linksOf(entry.bodyHtml)
        .map((href) => `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></li>`)
        .join('');
      return `<article>
  <h2>${escapeHtml(entry.subject)}</h2>
  <p class="meta">To <strong>${escapeHtml(entry.recipient)}</strong> at <time datetime="${entry.createdAt.toISOString()}">${entry.createdAt.toISOString()}</time></p>
  ${links ? `<ul class="links">${links}</ul>` : ''}
  <pre>${escapeHtml(entry.bodyText ?? '(body not kept for this message)')}</pre>
</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keel development mailbox</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  article { border: 1px solid #ddd; border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
  .meta { color: #555; font-size: .9rem; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: .75rem; border-radius: 4px; }
  .links a { word-break: break-all; }
</style>
</head>
<body>
<h1>Development mailbox</h1>
<p>Emails Keel sent while <code>SMTP_URL</code> is unset, newest first (the latest 50). Development only: this page is a 404 in production.</p>
${entries.length ? items : '<p id="empty">No email yet. Register an account to get one.</p>'}
</body>
</html>
`;
}
