/**
 * An email as SES builds it: subject, plain-text and HTML parts, headers and attachments, sent as
 * SESv2 Simple content (shared/aws/mailer.ts), so SES writes the MIME. No MIME library in the
 * functions that send email: nodemailer was about 135 KB of each one's bundle at cold start.
 */
import { emailDocument } from './html';

export interface EmailHeader {
  readonly name: string;
  readonly value: string;
}

export interface EmailAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

export interface ComposedEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: readonly EmailHeader[];
  readonly attachments: readonly EmailAttachment[];
}

export interface EmailParts {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The body's HTML, every value escaped (shared/email/html.ts). */
  readonly bodyHtml: string;
  readonly unsubscribeUrl?: string;
  readonly attachments?: readonly EmailAttachment[];
}

export function composeEmail(parts: EmailParts): ComposedEmail {
  const html = emailDocument(parts.subject, parts.bodyHtml, parts.unsubscribeUrl);
  const headers: EmailHeader[] = parts.unsubscribeUrl
    ? // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
      [
        { name: 'List-Unsubscribe', value: `<${parts.unsubscribeUrl}>` },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ]
    : [];
  return { from: parts.from, to: parts.to, subject: parts.subject, text: parts.text, html, headers, attachments: parts.attachments ?? [] };
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
