/**
 * The HTML part of our emails: a plain, readable email in the style of GOV.UK Notify (one column,
 * system fonts, inline styles), written in code rather than with nunjucks so that the functions
 * that send email load no template engine at every cold start. Every value goes through
 * `escapeHtml`, as nunjucks' autoescape did (the same characters, the same entities).
 */
import type { Block } from './blocks';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&"'<>\\]/g, (c) => ENTITIES[c]!);
}

const LINK = 'color:#1d70b8;';

/** A link, escaped; `bold` for a call to action. */
export function linkHtml(href: string, text: string, bold = false): string {
  return `<a href="${escapeHtml(href)}" style="${LINK}${bold ? 'font-weight:bold;' : ''}">${escapeHtml(text)}</a>`;
}

/** The whole email around its body (HTML already escaped), with the unsubscribe footer when there is a subscription. */
export function emailDocument(subject: string, bodyHtml: string, unsubscribeUrl?: string): string {
  const footer = unsubscribeUrl
    ? `<hr style="border:0;border-top:1px solid #b1b4b6;margin:28px 0 12px;">
<p style="font-size:14px;color:#505a5f;">You get this email because you subscribed to visit reports for this area. ${linkHtml(unsubscribeUrl, 'Unsubscribe')}.</p>
`
    : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#ffffff;font-family:Helvetica,Arial,sans-serif;color:#0b0c0c;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">
<tr><td style="background:#0b0c0c;padding:12px 20px;color:#ffffff;font-size:18px;font-weight:bold;">Children's social care visits</td></tr>
<tr><td style="padding:20px;max-width:580px;font-size:17px;line-height:1.45;">
${bodyHtml}
${footer}</td></tr>
</table>
</body>
</html>
`;
}

function blockHtml(b: Block): string {
  if ('p' in b) return `<p>${escapeHtml(b.p)}</p>`;
  if ('strong' in b) return `<p><strong>${escapeHtml(b.strong)}</strong></p>`;
  if ('warning' in b) return `<p style="border-left:6px solid #d4351c;padding:8px 12px;font-weight:bold;">${escapeHtml(b.warning)}</p>`;
  if ('list' in b) return `<ul>${b.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return `<p>${linkHtml(b.link.href, b.link.text, true)}</p>`;
}

/** The body of an email made of blocks, in order. */
export function blocksHtml(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n');
}
