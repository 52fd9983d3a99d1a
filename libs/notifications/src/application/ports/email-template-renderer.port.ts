import type { EmailContent } from '../../domain';

export const EMAIL_TEMPLATE_RENDERER = Symbol('EmailTemplateRenderer');

/** Template variables: plain strings, escaped by the renderer where the output format needs it. */
export type TemplateVariables = Record<string, string>;

/** Turns a named template (e.g. `order-confirmed`) and its variables into the subject and bodies of an email. */
export interface EmailTemplateRenderer {
  render(template: string, variables: TemplateVariables): Promise<EmailContent>;
}
