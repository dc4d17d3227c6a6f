import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVisitToken, verifyVisitToken, visitLinkUrl } from '../../../shared/findings/visit-token';

const secret = 'test-secret-not-used-anywhere-else';
const now = new Date('2020-09-01T12:00:00Z');
const claims = { visitId: 'v-2020-0001', inspector: 'ann.inspector@inspectorate.example.gov.uk', expiresAt: '2020-10-31T00:00:00.000Z' };

describe('visit link tokens', () => {
  it('accept the visit they were made for, until they expire, and carry the inspector', () => {
    const token = createVisitToken(secret, claims);
    expect(verifyVisitToken(secret, token, claims.visitId, now)).toEqual({ ok: true, inspector: claims.inspector, expiresAt: claims.expiresAt });
    expect(verifyVisitToken(secret, token, claims.visitId, new Date('2020-10-31T00:00:00.000Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another visit, another secret, and a missing or malformed token', () => {
    const token = createVisitToken(secret, claims);
    expect(verifyVisitToken(secret, token, 'v-2020-0002', now)).toEqual({ ok: false, reason: 'wrong-visit' });
    expect(verifyVisitToken('another-secret', token, claims.visitId, now)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const bad of [undefined, '', 'v1', 'v1..', 'v2.abc.def', `${token}.extra`, 'x'.repeat(5000), 'v1.<script>.x'])
      expect(verifyVisitToken(secret, bad, claims.visitId, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuse any change to the payload, even one that keeps the signature (claims swapped)', () => {
    const token = createVisitToken(secret, claims);
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: claims.visitId, i: 'mallory@example.com', e: '2099-01-01T00:00:00.000Z' })).toString('base64url');
    expect(verifyVisitToken(secret, `${v}.${forged}.${sig}`, claims.visitId, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuse every single-character change to a token (property)', () => {
    const token = createVisitToken(secret, claims);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc012-_.'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyVisitToken(secret, tampered, claims.visitId, now).ok).toBe(false);
      }),
    );
  });

  it('build a link that URL-encodes the visit id and token', () => {
    expect(visitLinkUrl('http://127.0.0.1:3000', 'v-1', 'v1.a.b')).toBe('http://127.0.0.1:3000/visits/v-1/findings?token=v1.a.b');
  });
});
