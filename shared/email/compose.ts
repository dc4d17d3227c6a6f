/**
 * Building a MIME message with nodemailer's MailComposer (no hand-written MIME): the raw bytes
 * go to SES SendEmail as Content.Raw.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { renderTemplate } from '../web/render';

export interface ComposedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly raw: Buffer;
}

export interface EmailParts {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Template under shared/web/templates/email and its context; autoescaped. */
  readonly template: string;
  readonly context: Record<string, unknown>;
  readonly unsubscribeUrl?: string;
  readonly attachments?: readonly { filename: string; content: Buffer; contentType: string }[];
}

export async function composeEmail(parts: EmailParts): Promise<ComposedEmail> {
  const html = renderTemplate(`email/${parts.template}`, { ...parts.context, subject: parts.subject, unsubscribeUrl: parts.unsubscribeUrl });
  const headers: Record<string, string> = {};
  if (parts.unsubscribeUrl) {
    // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
    headers['List-Unsubscribe'] = `<${parts.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const composer = new MailComposer({
    from: parts.from,
    to: parts.to,
    subject: parts.subject,
    text: parts.text,
    html,
    headers,
    attachments: parts.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((err, message) => (err ? reject(err) : resolve(message))));
  return { subject: parts.subject, text: parts.text, html, raw };
}

/** One line for a subject: no newlines (header injection) and a sensible length. */
export function subjectLine(text: string): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 150 ? `${flat.slice(0, 147)}...` : flat;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
