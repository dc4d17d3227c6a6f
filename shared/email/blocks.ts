/**
 * Emails written as blocks (paragraphs, lists, links, a warning), so the plain-text part and the
 * HTML part always say the same thing: the text is made from the blocks, and so is the HTML
 * (shared/email/html.ts).
 */
import { composeEmail, subjectLine, type ComposedEmail } from './compose';
import { blocksHtml } from './html';

export type Block =
  | { readonly p: string }
  | { readonly strong: string }
  | { readonly warning: string }
  | { readonly list: readonly string[] }
  | { readonly link: { readonly href: string; readonly text: string } };

export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      'p' in b
        ? b.p
        : 'strong' in b
          ? b.strong
          : 'warning' in b
            ? b.warning
            : 'list' in b
              ? b.list.map((i) => `- ${i}`).join('\n')
              : `${b.link.text}:\n${b.link.href}`,
    )
    .join('\n\n');
}

export interface BlockEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly blocks: readonly Block[];
  readonly unsubscribeUrl?: string;
  readonly attachments?: readonly { filename: string; content: Buffer; contentType: string }[];
}

export function composeBlockEmail(e: BlockEmail): ComposedEmail {
  const text = [
    blocksText(e.blocks),
    ...(e.unsubscribeUrl ? [`You get this email because you subscribed to visit reports for this area. Unsubscribe: ${e.unsubscribeUrl}`] : []),
  ].join('\n\n');
  return composeEmail({
    from: e.from,
    to: e.to,
    subject: subjectLine(e.subject),
    text,
    bodyHtml: blocksHtml(e.blocks),
    unsubscribeUrl: e.unsubscribeUrl,
    attachments: e.attachments,
  });
}

/** Up to `max` points, and a line saying the report has the rest (points are named, never counted). */
export function mainPoints(points: readonly string[], max = 3): string[] {
  return points.length <= max ? [...points] : [...points.slice(0, max), 'and more in the report'];
}
