/**
 * The whole template language: `{{name}}` is replaced by the variable `name`.
 * No logic, no includes, no helpers: templates stay readable by anyone, and
 * anything conditional is decided in code and passed in as a variable.
 * An unknown variable is a bug in a template, so it throws instead of
 * silently sending "Hello ,".
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type Escape = (value: string) => string;

export const noEscape: Escape = (value) => value;

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml: Escape = (value) => value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

export class MissingTemplateVariableError extends Error {
  override readonly name = 'MissingTemplateVariableError';
}

export function interpolate(template: string, variables: Record<string, string>, escape: Escape = noEscape): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(variables, name)) throw new MissingTemplateVariableError(`Template variable "${name}" has no value.`);
    return escape(String(variables[name]));
  });
}
