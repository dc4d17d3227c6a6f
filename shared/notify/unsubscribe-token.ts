/**
 * One-click unsubscribe tokens: an HMAC over the address, so a link can only unsubscribe the
 * address it was sent to. They do not expire: an old email's unsubscribe link must still work.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'u1';

function sign(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${email.trim().toLowerCase()}`).digest('base64url');
}

export function createUnsubscribeToken(secret: string, email: string): string {
  return `${PREFIX}.${Buffer.from(email.trim().toLowerCase(), 'utf8').toString('base64url')}.${sign(secret, email)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { ok: true; email: string } | { ok: false; reason: string } {
  if (token.length > 1_000) return { ok: false, reason: 'The link is too long to be one of ours.' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return { ok: false, reason: 'The link is not complete. Copy the whole link from the email.' };
  const email = Buffer.from(parts[1], 'base64url').toString('utf8');
  const expected = Buffer.from(sign(secret, email));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'The link has been changed or is not one of ours.' };
  return { ok: true, email };
}

export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}
