/**
 * One-click unsubscribe tokens: an HMAC over the address, so a link can only unsubscribe the
 * address it was sent to. They do not expire: an old email's unsubscribe link must still work.
 *
 * A token has one canonical form, `u1.<address>.<signature>`: the address (canonical: trimmed, lower
 * case) and the 32-byte HMAC-SHA256 in unpadded base64url. Only that exact text verifies: padding,
 * characters outside base64url, spare bits and a signature of any other length are refused, so no
 * two different links unsubscribe the same address.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalEmail } from '../domain/email-address';

const PREFIX = 'u1';
/** 32 bytes of HMAC-SHA256 in unpadded base64url. */
export const SIGNATURE_LENGTH = 43;
/** RFC 5321 caps an address at 254 characters: 340 base64url characters. */
const MAX_ADDRESS_LENGTH = 340;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const INCOMPLETE = 'The link is not complete. Copy the whole link from the email.';
const CHANGED = 'The link has been changed or is not one of ours.';

function sign(secret: string, email: string): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${canonicalEmail(email)}`)
    .digest('base64url');
}

export function createUnsubscribeToken(secret: string, email: string): string {
  return `${PREFIX}.${Buffer.from(canonicalEmail(email), 'utf8').toString('base64url')}.${sign(secret, email)}`;
}

/** The bytes of unpadded base64url text, only if re-encoding them gives the same text back. */
function canonicalBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function verifyUnsubscribeToken(secret: string, token: string): { ok: true; email: string } | { ok: false; reason: string } {
  if (token.length > PREFIX.length + MAX_ADDRESS_LENGTH + SIGNATURE_LENGTH + 2) return { ok: false, reason: 'The link is too long to be one of ours.' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return { ok: false, reason: INCOMPLETE };
  const [, address, signature] = parts as [string, string, string];
  const addressBytes = canonicalBase64url(address);
  if (signature.length !== SIGNATURE_LENGTH || !addressBytes || !canonicalBase64url(signature)) return { ok: false, reason: CHANGED };
  const email = addressBytes.toString('utf8');
  if (Buffer.from(email, 'utf8').toString('base64url') !== address || canonicalEmail(email) !== email) return { ok: false, reason: CHANGED };
  const expected = Buffer.from(sign(secret, email));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: CHANGED };
  return { ok: true, email };
}

export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}
