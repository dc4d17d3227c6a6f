/**
 * The bad-input corpus: hostile or broken findings uploads, policy files, tokens and URLs (CSV
 * imports are in imports.test.ts). Each one must end in a specific message (what, where, how to
 * fix) and never a crash, and nothing valid beside it may be lost.
 */
import { describe, expect, it } from 'vitest';
import { checkFindingsContent, trustProblems } from '../../shared/findings/validate-upload';
import { createRoleToken, verifyRoleToken } from '../../shared/publication/role-links';
import type { WebRequest } from '../../shared/web/request';
import { parsePolicy, defaultPolicy } from '../../shared/prioritise/policy';
import { createVisitToken, verifyVisitToken } from '../../shared/findings/visit-token';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../shared/notify/unsubscribe-token';
import { createFindingsPage } from '../../shared/findings/page-routes';
import { createPublicSite } from '../../shared/public-site/routes';
import { typicalFindings, typicalVisit } from '../support/report-fixture';
import { buildAssetCatalogue } from '../../shared/web/assets';
import { memoryRenderFiles } from '../../shared/web/render-files';

// ---------------------------------------------------------------- Findings uploads
const visit = typicalVisit({ visitId: 'v-corpus-1', status: 'planned' });
const findings = typicalFindings(visit).findings;
const meta = { 'visit-id': visit.visitId, 'submission-id': 'sub-1', inspector: 'ann@inspectorate.example.gov.uk' };
const key = `findings/${visit.visitId}/sub-1.json`;

function uploadReasons(
  body: string | Uint8Array,
  over: { key?: string; metadata?: Record<string, string>; contentLength?: number; contentType?: string } = {},
): string {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const submission = { visitId: visit.visitId, submissionId: 'sub-1', state: 'waiting' as const, inspector: meta.inspector };
  const distrust = trustProblems({
    key: over.key ?? key,
    metadata: over.metadata ?? meta,
    contentType: over.contentType ?? 'application/json',
    visit,
    submission,
  });
  if (distrust.length) return distrust.join('\n');
  const r = checkFindingsContent({ bytes, contentLength: over.contentLength ?? bytes.length, maxBytes: 256 * 1024, visit, today: '2020-09-30' });
  return r.ok ? 'ACCEPTED' : r.reasons.join('\n');
}

const j = (o: unknown) => JSON.stringify(o);
let deep: unknown = 'x';
for (let i = 0; i < 500; i++) deep = [deep];

const findingsCases: [string, string | Uint8Array, RegExp, Parameters<typeof uploadReasons>[1]?][] = [
  ['an empty body', '', /not valid JSON/],
  ['JSON null', 'null', /the document: /],
  ['a JSON array', '[]', /the document: /],
  ['a JSON string', '"findings"', /the document: /],
  ['truncated JSON', j(findings).slice(0, 100), /not valid JSON/],
  ['500 levels of nesting', j({ ...findings, notesForCommissioners: deep }), /nested more than 6 levels/],
  ['a __proto__ key', j(findings).replace('{', '{"__proto__":{"polluted":true},'), /__proto__ is not allowed/],
  ['a constructor key', j({ ...findings, constructor: { prototype: { x: 1 } } }), /constructor is not allowed/],
  ['a grade smuggled in', j({ ...findings, grade: 'Outstanding' }), /grade/],
  ['a number where text goes', j({ ...findings, childrensExperiences: 42 }), /^childrensExperiences: /m],
  ['an object where a list goes', j({ ...findings, goingWell: { a: 'b' } }), /^goingWell: /m],
  ['31 points going well', j({ ...findings, goingWell: Array.from({ length: 31 }, (_, i) => `Point ${i}`) }), /goingWell: Enter 30 or fewer/],
  ['text over 10,000 characters', j({ ...findings, childrensExperiences: 'a'.repeat(10_001) }), /must be 10000 characters or fewer/],
  [
    'a NUL character in text',
    j({ ...findings, pandemicDecisions: 'ok\u0000bad' }),
    /pandemicDecisions: How decisions for children were made in the pandemic holds a control character \(U\+0000\) at position 3/,
  ],
  [
    'a right-to-left override in a requirement',
    j({ ...findings, requirements: [{ text: 'Pay \u202Etnuocca', dueDate: '2020-10-30' }] }),
    /requirements\[0\]\.text: The requirement holds a text-direction override \(U\+202E\)/,
  ],
  [
    'a requirement due before the visit ended',
    j({ ...findings, requirements: [{ text: 'Fix it', dueDate: '2020-09-01' }] }),
    /requirements\[0\]\.dueDate: The due date must be on or after the last day of the visit/,
  ],
  [
    'a visit date in another year',
    j({ ...findings, visitStartDate: '2019-06-01' }),
    /visitStartDate: The first day of the visit must be on or after 01\/01\/2020/,
  ],
  [
    'a visit date in the future',
    j({ ...findings, visitEndDate: '2020-10-02', requirements: [] }),
    /visitEndDate: The last day of the visit must be on or before 30\/09\/2020/,
  ],
  ['text/html instead of JSON', j(findings), /of type "text\/html", not application\/json/, { contentType: 'text/html' }],
  [
    'metadata from another inspector',
    j(findings),
    /from "eve@example\.com", but this visit's form was issued to ann@/,
    { metadata: { ...meta, inspector: 'eve@example.com' } },
  ],
  [
    'an end date before the start',
    j({ ...findings, visitEndDate: '2020-01-01' }),
    /visitEndDate: The last day of the visit must be the same as or after the first day/,
  ],
  ['a date in another format', j({ ...findings, visitStartDate: '08/09/2020' }), /visitStartDate: Enter a real date in the format YYYY-MM-DD/],
  [
    'an unknown enforcement action',
    j({ ...findings, seriousConcerns: true, seriousConcernsDescription: 'x', enforcementAction: 'fine' }),
    /enforcementAction: Select the enforcement action considered/,
  ],
  ['UTF-16 text', new Uint8Array([0xff, 0xfe, ...Buffer.from(j(findings), 'utf16le')]), /not UTF-8|not valid JSON/],
  ['a key with path traversal', j(findings), /is not of the form findings\/\{visitId\}\/\{submissionId\}\.json/, { key: 'findings/../../reports/index.html' }],
  ['metadata for another visit', j(findings), /says it is for visit "v-other"/, { metadata: { ...meta, 'visit-id': 'v-other' } }],
  ['a declared size over the limit', j(findings), /over the 262144-byte limit/, { contentLength: 300_000 }],
];

describe('corpus: findings uploads', () => {
  for (const [name, body, expected, over] of findingsCases) {
    it(`${name} -> a specific message`, () => {
      expect(uploadReasons(body, over)).toMatch(expected);
    });
  }
  it('leaves Object.prototype untouched after hostile keys', () => {
    uploadReasons(j(findings).replace('{', '{"__proto__":{"polluted":true},'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------- Policy files
const policy = defaultPolicy() as unknown as Record<string, unknown>;
const policyCases: [string, unknown, RegExp][] = [
  ['not an object', 'weights: high', /\(the document\): /],
  ['a negative weight', { ...policy, weights: { ...(policy.weights as object), lastGrade: -5 } }, /weights/],
  [
    'a window starting on a Tuesday',
    { ...policy, pools: { ...defaultPolicy().pools, la: { ...defaultPolicy().pools.la, window: { from: '2020-09-08', to: '2020-12-31' } } } },
    /pools\.la\.window\.from: must be a Monday/,
  ],
  [
    'a window ending before it starts',
    { ...policy, pools: { ...defaultPolicy().pools, provider: { ...defaultPolicy().pools.provider, window: { from: '2020-09-07', to: '2020-09-01' } } } },
    /pools\.provider\.window\.to: ends/,
  ],
  [
    'a leave week of more than everyone',
    {
      ...policy,
      pools: { ...defaultPolicy().pools, provider: { ...defaultPolicy().pools.provider, leave: [{ week: '2020-12-21', share: 1.5, reason: 'x' }] } },
    },
    /pools\.provider\.leave\[0\]\.share/,
  ],
  ['a triage deadline of no working days', { ...policy, triage: { urgencyThreshold: 80, withinWorkingDays: 0 } }, /triage\.withinWorkingDays/],
  [
    'a follow-up window that ends before it starts',
    { ...policy, followUp: { afterSeriousConcerns: { fromWeeks: 8, toWeeks: 6 }, complianceNoticeCheck: { withinWorkingDaysAfterDue: 5 } } },
    /followUp\.afterSeriousConcerns\.toWeeks: must be at least fromWeeks/,
  ],
  [
    'an extra bank holiday that is not a date',
    { ...policy, calendar: { extraBankHolidays: [{ date: '2020-02-30', title: 'x' }] } },
    /calendar\.extraBankHolidays\[0\]\.date: must be a real date/,
  ],
  ['a sample share over 100%', { ...policy, sample: { ...(policy.sample as object), share: 1.5 } }, /sample/],
  ['an unknown field', { ...policy, surprise: true }, /surprise|Unrecognized|unknown/i],
];

describe('corpus: policy files', () => {
  for (const [name, doc, expected] of policyCases) {
    it(`${name} -> every problem listed with its path`, () => {
      const r = parsePolicy(doc);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.problems.join('\n')).toMatch(expected);
    });
  }
});

// ---------------------------------------------------------------- Tokens and URLs
const secret = 'corpus-secret';
const now = new Date('2020-09-01T00:00:00Z');
const good = createVisitToken(secret, { visitId: 'v-1', inspector: 'a@b.gov.uk', expiresAt: '2020-10-01T00:00:00Z' });
const tokenCases: [string, string, string][] = [
  ['a token with a NUL', `${good}\u0000`, 'malformed'],
  ['a token of 10,000 characters', 'v1.' + 'A'.repeat(10_000) + '.x', 'malformed'],
  ['a token with HTML', `v1.<img src=x>.${good.split('.')[2]}`, 'malformed'],
  ['a token from another algorithm (JWT none)', 'eyJhbGciOiJub25lIn0.eyJ2IjoidiJ9.', 'malformed'],
  [
    'a signature swapped from another token',
    `${good.split('.').slice(0, 2).join('.')}.${createVisitToken(secret, { visitId: 'v-2', inspector: 'a@b.gov.uk', expiresAt: '2020-10-01T00:00:00Z' }).split('.')[2]}`,
    'bad-signature',
  ],
];

const visitPage = createFindingsPage({
  getVisit: async () => visit,
  getPublication: async () => undefined,
  latestVersion: async () => undefined,
  loadContext: async () => ({ signals: [] }),
  publicUrl: () => 'https://x',
  getSecret: async () => secret,
  createPost: async () => ({ url: 'https://bucket.example', fields: {} }),
  recordWaiting: async () => undefined,
  getSubmissionStatus: async () => ({ state: 'waiting' }),
  assets: () => buildAssetCatalogue(memoryRenderFiles({})),
  now: () => now,
});
const site = createPublicSite({
  readReport: async () => new TextEncoder().encode('<p>secret</p>'),
  publicState: async () => undefined,
  secret: async () => secret,
  unsubscribe: async () => undefined,
});
const event = (path: string, query: Record<string, string> = {}): WebRequest => ({ path, query, method: 'GET' });

const urlCases: [string, () => Promise<{ statusCode?: number; body?: string }>, number, RegExp][] = [
  ['a findings URL with ../ in the visit id', () => visitPage(event('/visits/..%2F..%2Fetc/findings', { token: good })), 404, /Page not found/],
  ['a findings URL with a script in the visit id', () => visitPage(event('/visits/%3Cscript%3E/findings', { token: good })), 404, /Page not found/],
  ['a findings URL with a malformed escape', () => visitPage(event('/visits/%E0%A4%A/findings', { token: good })), 404, /Page not found/],
  [
    'a status URL with a traversal submission id',
    () =>
      visitPage(
        event('/visits/v-corpus-1/submissions/..%2F..%2Fx', {
          token: createVisitToken(secret, { visitId: 'v-corpus-1', inspector: 'a@b', expiresAt: '2020-10-01T00:00:00Z' }),
        }),
      ),
    404,
    /Page not found/,
  ],
  ['an asset URL outside the asset list', () => visitPage(event('/assets/..%2F..%2F.local%2Flink-secret')), 404, /Page not found/],
  ['a report URL with traversal', () => site(event('/reports/..%2F..%2Ffindings%2Fv-1%2Fsub.json')), 404, /Page not found/],
  ['a report URL for a quarantined object', () => site(event('/quarantine/v-1/sub.json')), 404, /Page not found/],
  ['a report URL not yet published', () => site(event('/reports/leeds/sc1/v-1/report.html')), 404, /Page not found/],
  ['a briefing key under the public site', () => site(event('/restricted/briefings/v-1/e1.html')), 404, /Page not found/],
  ['a briefing key dressed as a report', () => site(event('/reports/..%2Frestricted%2Fbriefings%2Fv-1%2Fe1.html')), 404, /Page not found/],
  [
    'an unsubscribe link that was changed',
    () => site(event('/unsubscribe', { token: createUnsubscribeToken(secret, 'a@b.gov.uk').slice(0, -2) + 'zz' })),
    403,
    /has been changed/,
  ],
  ['an unsubscribe link with no token', () => site(event('/unsubscribe')), 403, /not complete/],
];

/** Unsubscribe tokens have one canonical text: each variant below decoded to a real address before. */
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same bytes with a different last character: base64url's spare low bits set. */
const spareBitsSet = (text: string) => text.slice(0, -1) + BASE64URL_ALPHABET[BASE64URL_ALPHABET.indexOf(text.at(-1)!) ^ 1];
const unsubscribeParts = (email: string) => createUnsubscribeToken(secret, email).split('.') as [string, string, string];
const unsubscribeCases: [string, () => string][] = [
  [
    'an unsubscribe address with base64 padding',
    () => {
      const [p, a, s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${a}==.${s}`;
    },
  ],
  [
    'an unsubscribe address with a junk character inside',
    () => {
      const [p, a, s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${a.slice(0, 4)}!${a.slice(4)}.${s}`;
    },
  ],
  [
    'an unsubscribe address with a space inside',
    () => {
      const [p, a, s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${a.slice(0, 4)} ${a.slice(4)}.${s}`;
    },
  ],
  [
    'an unsubscribe address with its spare bits set',
    () => {
      const [p, a, s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${spareBitsSet(a)}.${s}`;
    },
  ],
  [
    'an unsubscribe address in standard base64 (/ for _)',
    () => {
      const [p, a, s] = unsubscribeParts('ab?@b.gov.uk');
      return `${p}.${a.replace(/_/g, '/')}.${s}`;
    },
  ],
  [
    'an unsubscribe address in capitals with the lower-case signature',
    () => {
      const [p, , s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${Buffer.from('A@B.GOV.UK').toString('base64url')}.${s}`;
    },
  ],
  ['an unsubscribe signature with base64 padding', () => `${createUnsubscribeToken(secret, 'a@b.gov.uk')}=`],
  [
    'an unsubscribe signature with its spare bits set',
    () => {
      const [p, a, s] = unsubscribeParts('a@b.gov.uk');
      return `${p}.${a}.${spareBitsSet(s)}`;
    },
  ],
  ['an unsubscribe signature one character short', () => createUnsubscribeToken(secret, 'a@b.gov.uk').slice(0, -1)],
];

describe('corpus: tokens and URLs', () => {
  for (const [name, token, reason] of tokenCases) {
    it(`${name} -> refused as ${reason}`, () => {
      expect(verifyVisitToken(secret, token, 'v-1', now)).toEqual({ ok: false, reason });
    });
  }
  it("a link for one role is never taken for another (a contact's link on the reviewer's page)", () => {
    const contact = createRoleToken(secret, { role: 'provider', visitId: 'v-1', subject: 'manager@home.example.org', expiresAt: '2020-10-01T00:00:00Z' });
    expect(verifyRoleToken(secret, contact, 'reviewer', 'v-1', now)).toEqual({ ok: false, reason: 'wrong-role' });
    expect(verifyRoleToken(secret, good, 'reviewer', 'v-1', now)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('an unsubscribe token for one address never unsubscribes another', () => {
    const [p, , sig] = createUnsubscribeToken(secret, 'a@b.gov.uk').split('.');
    const other = Buffer.from('victim@b.gov.uk').toString('base64url');
    expect(verifyUnsubscribeToken(secret, `${p}.${other}.${sig}`)).toMatchObject({ ok: false });
  });
  it('an unsubscribe token in its canonical form verifies (the variants below differ from it only in form)', () => {
    for (const email of ['a@b.gov.uk', 'ab?@b.gov.uk'])
      expect(verifyUnsubscribeToken(secret, createUnsubscribeToken(secret, email))).toEqual({ ok: true, email });
  });
  for (const [name, token] of unsubscribeCases) {
    it(`${name} -> 403, the link has been changed`, async () => {
      expect(verifyUnsubscribeToken(secret, token())).toEqual({ ok: false, reason: 'The link has been changed or is not one of ours.' });
      const res = await site(event('/unsubscribe', { token: token() }));
      expect(res.statusCode).toBe(403);
      expect(String(res.body)).toMatch(/has been changed/);
    });
  }
  for (const [name, call, status, expected] of urlCases) {
    it(`${name} -> ${status}`, async () => {
      const res = await call();
      expect(res.statusCode).toBe(status);
      expect(String(res.body)).toMatch(expected);
    });
  }
});
