/**
 * Inspector visit links: an HMAC-SHA256 over (visit id, inspector, expiry). The link carries the
 * token; the page checks it before showing anything or issuing an upload form.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import '../zod-english';

const VERSION = 'v1';
const MAX_TOKEN_LENGTH = 2_000;

const payloadSchema = z.strictObject({
  v: z.string().check(z.minLength(1), z.maxLength(64)),
  i: z.string().check(z.minLength(1), z.maxLength(254)),
  e: z.iso.datetime(),
});

export interface VisitTokenClaims {
  readonly visitId: string;
  readonly inspector: string;
  /** ISO instant after which the link no longer works. */
  readonly expiresAt: string;
}

export type VisitTokenCheck =
  { ok: true; inspector: string; expiresAt: string } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-visit' };

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`visit-link\n${payload}`).digest('base64url');
}

export function createVisitToken(secret: string, claims: VisitTokenClaims): string {
  const payload = Buffer.from(JSON.stringify({ v: claims.visitId, i: claims.inspector, e: new Date(claims.expiresAt).toISOString() })).toString('base64url');
  return `${VERSION}.${payload}.${sign(secret, payload)}`;
}

export function verifyVisitToken(secret: string, token: string | undefined, visitId: string, now: Date): VisitTokenCheck {
  if (!token || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]!) || !/^[A-Za-z0-9_-]+$/.test(parts[2]!))
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, parts[1]!));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let claims: z.infer<typeof payloadSchema>;
  try {
    claims = payloadSchema.parse(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.v !== visitId) return { ok: false, reason: 'wrong-visit' };
  if (Date.parse(claims.e) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, inspector: claims.i, expiresAt: claims.e };
}

export function visitLinkUrl(baseUrl: string, visitId: string, token: string): string {
  return `${baseUrl}/visits/${encodeURIComponent(visitId)}/findings?token=${encodeURIComponent(token)}`;
}
