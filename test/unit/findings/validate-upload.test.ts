import { describe, expect, it } from 'vitest';
import { validateFindingsUpload } from '../../../shared/findings/validate-upload';
import { typicalFindings, typicalVisit } from '../../support/report-fixture';

const visit = typicalVisit({ visitId: 'v-up-1', status: 'planned' });
const findings = typicalFindings(visit).findings;
const key = `findings/${visit.visitId}/sub-1.json`;
const metadata = { 'visit-id': visit.visitId, 'submission-id': 'sub-1', inspector: 'ann@inspectorate.example.gov.uk' };

function check(body: unknown, over: { key?: string; metadata?: Record<string, string>; raw?: Uint8Array } = {}) {
  const bytes = over.raw ?? new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return validateFindingsUpload({ bytes, contentLength: bytes.length, metadata: over.metadata ?? metadata, key: over.key ?? key, visit });
}

const reasons = (r: ReturnType<typeof check>) => (r.ok ? [] : r.reasons);

describe('checking a findings upload', () => {
  it('accepts valid findings and returns the submission and inspector from the metadata', () => {
    expect(check(findings)).toEqual({ ok: true, findings, submissionId: 'sub-1', inspector: 'ann@inspectorate.example.gov.uk' });
  });

  it('refuses prototype-pollution keys, deep nesting and too many fields', () => {
    expect(reasons(check(`{"__proto__": {"admin": true}, ${JSON.stringify(findings).slice(1)}`)).join()).toMatch(/__proto__ is not allowed/);
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { a: deep };
    expect(reasons(check({ ...findings, notesForCommissioners: deep })).join()).toMatch(/nested more than 6 levels/);
    expect(reasons(check({ ...findings, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1])) })).join()).toMatch(/at most 200 are allowed/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses text that is not UTF-8, and says so', () => {
    expect(reasons(check(undefined, { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }))).toContain('The upload is not UTF-8 text.');
  });

  it('refuses metadata that disagrees with the key or the visit', () => {
    expect(reasons(check(findings, { metadata: { ...metadata, 'visit-id': 'v-other' } })).join()).toMatch(/says it is for visit "v-other"/);
    expect(reasons(check(findings, { metadata: { ...metadata, 'submission-id': 'sub-2' } })).join()).toMatch(/submission id does not match/);
    expect(reasons(check(findings, { metadata: { 'visit-id': visit.visitId, 'submission-id': 'sub-1' } })).join()).toMatch(/does not say which inspector/);
    expect(reasons(check(findings, { key: 'findings/../../etc/passwd' })).join()).toMatch(/is not of the form findings\/\{visitId\}\/\{submissionId\}\.json/);
  });

  it('reports schema problems by field path, every one of them', () => {
    const r = reasons(check({ ...findings, goingWell: ['ok', ''], seriousConcerns: 'yes', visitEndDate: '2020-09-01' }));
    expect(r).toEqual(
      expect.arrayContaining([expect.stringMatching(/^goingWell\[1\]: Enter what is going well/), expect.stringMatching(/^seriousConcerns: /)]),
    );
  });

  it('applies the provider rules: enforcement action needed with serious concerns, no schools question', () => {
    const r = reasons(check({ ...findings, seriousConcerns: true, seriousConcernsDescription: 'Unsafe staffing at night', schoolsJoinedUp: 'n/a' }));
    expect(r).toEqual(expect.arrayContaining(['enforcementAction: Select the enforcement action considered', 'schoolsJoinedUp: Only answer about schools for a local authority visit']));
  });
});
