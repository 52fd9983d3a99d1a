import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailTemplateRenderer, TemplateVariables } from '../../application';
import type { EmailContent } from '../../domain';
import { escapeHtml, interpolate } from './interpolate';

const NAME = /^[a-z0-9-]+$/;

interface TemplateFiles {
  subject: string;
  text: string;
  html: string | null;
}

/**
 * Renders `<template>.subject.txt`, `<template>.text.txt` and, when present,
 * `<template>.html` from this folder (the build copies them next to the
 * compiled code). Files are read once and cached; HTML values are escaped.
 */
export class FileEmailTemplateRenderer implements EmailTemplateRenderer {
  private readonly cache = new Map<string, Promise<TemplateFiles>>();

  constructor(private readonly directory: string = __dirname) {}

  async render(template: string, variables: TemplateVariables): Promise<EmailContent> {
    const files = await this.load(template);
    return {
      // One line, whatever the file's trailing newline or a value's line breaks (no header injection).
      subject: interpolate(files.subject, variables).replace(/\s+/g, ' ').trim(),
      bodyText: interpolate(files.text, variables),
      bodyHtml: files.html === null ? null : interpolate(files.html, variables, escapeHtml),
    };
  }

  private load(template: string): Promise<TemplateFiles> {
    if (!NAME.test(template)) return Promise.reject(new Error(`Invalid template name "${template}".`));
    let files = this.cache.get(template);
    if (!files) {
      files = this.read(template);
      // A failed read is not cached: a missing file may be deployed by the next attempt.
      files.catch(() => this.cache.delete(template));
      this.cache.set(template, files);
    }
    return files;
  }

  private async read(template: string): Promise<TemplateFiles> {
    const file = (suffix: string) => join(this.directory, `${template}.${suffix}`);
    const [subject, text, html] = await Promise.all([
      readFile(file('subject.txt'), 'utf8'),
      readFile(file('text.txt'), 'utf8'),
      readFile(file('html'), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    ]);
    return { subject, text, html };
  }
}
