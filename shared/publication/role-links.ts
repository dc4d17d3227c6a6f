/**
 * Signed links for the people who take part in publication, one role each: the reviewer's page,
 * the provider's or LA's factual accuracy page, and a commissioner's briefing. An HMAC-SHA256 over
 * (role, visit, who, expiry), like the inspector's visit links, with its own label so a link for one
 * role can never be used as another's. Each page also checks, on every use, that the step is still
 * open and that the person is still the one it is for (the assigned reviewer, a contact the draft
 * was sent to, a commissioner whose subscription covers the report).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import '../zod-english';

export const LINK_ROLES = ['reviewer', 'provider', 'briefing'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

const VERSION = 'r1';
const MAX_TOKEN_LENGTH = 2_000;
const payloadSchema = z.strictObject({
  r: z.enum(LINK_ROLES),
  v: z.string().check(z.minLength(1), z.maxLength(64)),
  s: z.string().check(z.minLength(1), z.maxLength(254)),
  e: z.iso.datetime(),
});

export interface RoleClaims {
  readonly role: LinkRole;
  readonly visitId: string;
  /** Who the link is for: an email address (reviewer, contact) or a commissioner id (briefing). */
  readonly subject: string;
  readonly expiresAt: string;
}

export type RoleTokenCheck =
  { ok: true; subject: string; expiresAt: string } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-visit' | 'wrong-role' };

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`role-link\n${payload}`).digest('base64url');
}

export function createRoleToken(secret: string, c: RoleClaims): string {
  const payload = Buffer.from(JSON.stringify({ r: c.role, v: c.visitId, s: c.subject, e: new Date(c.expiresAt).toISOString() })).toString('base64url');
  return `${VERSION}.${payload}.${sign(secret, payload)}`;
}

export function verifyRoleToken(secret: string, token: string | undefined, role: LinkRole, visitId: string, now: Date): RoleTokenCheck {
  if (!token || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const [version, payload, signature, ...rest] = token.split('.');
  if (rest.length || version !== VERSION || !payload || !signature || !/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature))
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let claims: z.infer<typeof payloadSchema>;
  try {
    claims = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.r !== role) return { ok: false, reason: 'wrong-role' };
  if (claims.v !== visitId) return { ok: false, reason: 'wrong-visit' };
  if (Date.parse(claims.e) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subject: claims.s, expiresAt: claims.e };
}

const PATHS: Record<LinkRole, string> = { reviewer: 'review', provider: 'factual-accuracy', briefing: 'briefings' };

export function roleLinkUrl(baseUrl: string, role: LinkRole, visitId: string, token: string): string {
  return `${baseUrl}/${PATHS[role]}/${encodeURIComponent(visitId)}?token=${encodeURIComponent(token)}`;
}

/** What to tell someone whose link does not work, by reason. */
export const ROLE_TOKEN_MESSAGES: Record<Exclude<RoleTokenCheck, { ok: true }>['reason'], string> = {
  malformed: 'The link is incomplete. Copy the whole link from your email and try again.',
  'bad-signature': 'The link has been changed, so it cannot be trusted. Use the link exactly as it was sent to you.',
  expired: 'The link has expired. Ask the planning team for a new link.',
  'wrong-visit': 'The link is for a different visit. Use the link sent for this visit.',
  'wrong-role': 'This link is for a different page. Use the link from your email.',
};
