import type { EmailContent } from '../domain';
import type { EmailTemplateRenderer, TemplateVariables } from '../application';

/** EmailTemplateRenderer in memory: the subject is the template's name, the text lists the variables (so specs can read them). */
export class FakeEmailTemplateRenderer implements EmailTemplateRenderer {
  readonly rendered: Array<{ template: string; variables: TemplateVariables }> = [];

  async render(template: string, variables: TemplateVariables): Promise<EmailContent> {
    this.rendered.push({ template, variables });
    return {
      subject: template,
      bodyText: Object.entries(variables)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
      bodyHtml: null,
    };
  }
}
