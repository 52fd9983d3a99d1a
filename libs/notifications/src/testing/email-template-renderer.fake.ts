import type { EmailContent } from '../domain';
import type { EmailTemplateRenderer, TemplateVariables } from '../application';

/** EmailTemplateRenderer in memory: the subject names the template, the text lists the variables (so specs can read them). */
export class FakeEmailTemplateRenderer implements EmailTemplateRenderer {
  readonly rendered: Array<{ template: string; variables: TemplateVariables }> = [];

  async render(template: string, variables: TemplateVariables): Promise<EmailContent> {
    this.rendered.push({ template, variables });
    return {
      subject: `${template} for ${variables.name}`,
      bodyText: Object.entries(variables)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
      bodyHtml: null,
    };
  }
}
