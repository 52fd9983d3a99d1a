import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFICATION_TYPES } from '../../domain';
import { orderEmailFor, templateFor } from '../../application/emails/order-email';
import { FileEmailTemplateRenderer } from './file.email-template-renderer';
import { MissingTemplateVariableError } from './interpolate';

const orderId = '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f';
const EVENTS: Record<string, object> = {
  'orders.order-confirmed': { total: { amount: 1999, currency: 'USD' } },
  'orders.order-rejected': { reason: 'insufficient-stock' },
  'orders.order-paid': { total: { amount: 2500, currency: 'EUR' } },
  'orders.payment-failed': { reason: 'card declined' },
  'orders.order-cancelled': { reason: 'requested by customer', previousStatus: 'PAID' },
};

describe('FileEmailTemplateRenderer', () => {
  const renderer = new FileEmailTemplateRenderer();

  it.each(Object.entries(EVENTS))(
    'When %s is rendered from the real template files, then every placeholder is filled',
    async (eventName, extra) => {
      const email = orderEmailFor({
        eventId: 'e1',
        eventName,
        aggregateId: orderId,
        occurredAt: '',
        payload: { orderId, userId: 'u1', ...extra },
      });
      const content = await renderer.render(email.template, email.variables);
      expect(content.subject).toContain('0B1F0C1E');
      expect(content.subject).not.toMatch(/\n|\{\{/);
      for (const body of [content.bodyText, content.bodyHtml ?? '']) {
        expect(body).toContain(orderId);
        expect(body).not.toContain('{{');
      }
      // No user-supplied text (not even the name) in an email: nothing a mail client could turn into a link.
      expect(content.bodyText).toContain('Hello,');
    },
  );

  it('When an order is confirmed, then the total appears formatted in both bodies', async () => {
    const email = orderEmailFor({
      eventId: 'e1',
      eventName: 'orders.order-confirmed',
      aggregateId: orderId,
      occurredAt: '',
      payload: { orderId, userId: 'u1', total: { amount: 150000, currency: 'JPY' } },
    });
    const content = await renderer.render(email.template, email.variables);
    expect(content.bodyText).toContain('Order total: JPY 150,000');
    expect(content.bodyHtml).toContain('<strong>JPY 150,000</strong>');
  });

  it.each(['account-verify-email', 'account-already-registered', 'account-password-reset'])(
    'When the account email %s is rendered, then the link is an anchor in HTML and a bare line in text, and no placeholder is left',
    async (template) => {
      const link = 'https://shop.example.com/verify-email?token=abc_DEF-123&x=1';
      const content = await renderer.render(template, { link, validFor: '30 minutes' });
      expect(content.subject).not.toMatch(/\n|\{\{/);
      expect(content.bodyText).toContain(`\n${link}\n`);
      expect(content.bodyHtml).toMatch(/<a\s+href="https:\/\/shop\.example\.com\/verify-email\?token=abc_DEF-123&amp;x=1"/);
      expect(content.bodyText).toContain('30 minutes');
      for (const body of [content.bodyText, content.bodyHtml ?? '']) expect(body).not.toContain('{{');
      // Exactly one link per email: ours.
      expect((content.bodyHtml ?? '').match(/<a\s/g)).toHaveLength(1);
    },
  );

  it.each(NOTIFICATION_TYPES)('When the type is %s, then its subject, text and HTML template files exist', (type) => {
    for (const suffix of ['subject.txt', 'text.txt', 'html'])
      expect(existsSync(join(__dirname, `${templateFor(type)}.${suffix}`))).toBe(true);
  });

  it('When a template has no .html file, then the email is text only; a value with line breaks keeps the subject one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-templates-'));
    writeFileSync(join(dir, 'plain.subject.txt'), 'Hi {{name}}\n');
    writeFileSync(join(dir, 'plain.text.txt'), 'Body for {{name}}\n');
    const content = await new FileEmailTemplateRenderer(dir).render('plain', { name: 'Ada\r\nBcc: x@example.com' });
    expect(content).toEqual({ subject: 'Hi Ada Bcc: x@example.com', bodyText: 'Body for Ada\r\nBcc: x@example.com\n', bodyHtml: null });
  });

  it('When a variable is missing, the template does not exist or the name escapes the folder, then it throws', async () => {
    await expect(renderer.render('order-paid', { orderNumber: 'X' })).rejects.toThrow(MissingTemplateVariableError);
    await expect(renderer.render('order-shipped', {})).rejects.toThrow(/ENOENT/);
    await expect(renderer.render('../../../etc/passwd', {})).rejects.toThrow(/Invalid template name/);
  });
});
