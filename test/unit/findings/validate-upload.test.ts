import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../shared/findings/submission';
import { checkFindingsContent, trustProblems } from '../../../shared/findings/validate-upload';
import { typicalFindings, typicalVisit } from '../../support/report-fixture';

const visit = typicalVisit({ visitId: 'v-up-1', status: 'planned' });
const findings = typicalFindings(visit).findings;
const key = `findings/${visit.visitId}/sub-1.json`;
const metadata = { 'visit-id': visit.visitId, 'submission-id': 'sub-1', inspector: 'ann@inspectorate.example.gov.uk' };
const waiting: SubmissionRecord = { visitId: visit.visitId, submissionId: 'sub-1', state: 'waiting', inspector: 'ann@inspectorate.example.gov.uk' };

function check(body: unknown, raw?: Uint8Array) {
  const bytes = raw ?? new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return checkFindingsContent({ bytes, contentLength: bytes.length, maxBytes: 256 * 1024, visit, today: '2020-09-30' });
}

const reasons = (r: ReturnType<typeof check>) => (r.ok ? [] : r.reasons);
const trust = (over: Partial<Parameters<typeof trustProblems>[0]> = {}) =>
  trustProblems({ key, metadata, contentType: 'application/json', visit, submission: waiting, ...over }).join('\n');

describe('trusting a findings upload', () => {
  it('trusts an upload under a waiting submission, from its inspector, typed JSON', () => {
    expect(trust()).toBe('');
    expect(trust({ contentType: 'application/json; charset=utf-8' })).toBe('');
  });

  it('refuses metadata that disagrees with the key, the visit or the issued submission', () => {
    expect(trust({ metadata: { ...metadata, 'visit-id': 'v-other' } })).toMatch(/says it is for visit "v-other"/);
    expect(trust({ metadata: { ...metadata, 'submission-id': 'sub-2' } })).toMatch(/submission id does not match/);
    expect(trust({ metadata: { 'visit-id': visit.visitId, 'submission-id': 'sub-1' } })).toMatch(
      /says it is from "", but this visit's form was issued to ann@/,
    );
    expect(trust({ key: 'findings/../../etc/passwd' })).toMatch(/is not of the form findings\/\{visitId\}\/\{submissionId\}\.json/);
  });

  it('refuses an id never issued, an id already used, and anything but JSON', () => {
    expect(trust({ submission: undefined })).toMatch(/Submission sub-1 was not issued by the findings page for visit v-up-1/);
    expect(trust({ submission: { ...waiting, state: 'accepted', version: 1 } })).toMatch(/already used for an upload \(each form sends once\)/);
    expect(trust({ contentType: 'text/html' })).toMatch(/of type "text\/html", not application\/json/);
    expect(trust({ contentType: undefined })).toMatch(/of type "not given"/);
  });
});

describe("checking a findings upload's content", () => {
  it('accepts valid findings, with empty requirements and recommendations when left out', () => {
    const { requirements: _r, recommendations: _c, ...older } = findings;
    expect(check(older)).toEqual({ ok: true, findings: { ...older, requirements: [], recommendations: [] } });
  });

  it('refuses prototype-pollution keys, deep nesting and too many fields', () => {
    expect(reasons(check(`{"__proto__": {"admin": true}, ${JSON.stringify(findings).slice(1)}`)).join()).toMatch(/__proto__ is not allowed/);
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { a: deep };
    expect(reasons(check({ ...findings, notesForCommissioners: deep })).join()).toMatch(/nested more than 6 levels/);
    expect(reasons(check({ ...findings, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1])) })).join()).toMatch(
      /at most 400 are allowed/,
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses text that is not UTF-8, and says so', () => {
    expect(reasons(check(undefined, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toContain('The upload is not UTF-8 text.');
  });

  it('reports schema problems by field path, every one of them', () => {
    const r = reasons(check({ ...findings, goingWell: ['ok', ''], seriousConcerns: 'yes', visitEndDate: '2020-09-01' }));
    expect(r).toEqual(
      expect.arrayContaining([expect.stringMatching(/^goingWell\[1\]: Enter what is going well/), expect.stringMatching(/^seriousConcerns: /)]),
    );
  });

  it('applies the provider rules: enforcement action needed with serious concerns, no schools question', () => {
    const r = reasons(check({ ...findings, seriousConcerns: true, seriousConcernsDescription: 'Unsafe staffing at night', schoolsJoinedUp: 'n/a' }));
    expect(r).toEqual(
      expect.arrayContaining([
        'enforcementAction: Select the enforcement action considered',
        'schoolsJoinedUp: Only answer about schools for a local authority visit',
      ]),
    );
  });

  it('refuses requirements for a local authority visit: they are written as recommendations', () => {
    const la = typicalVisit({ visitId: 'v-up-2', kind: 'la', target: 'Cardiff Road Borough', targetName: 'Cardiff Road Borough' });
    const bytes = new TextEncoder().encode(JSON.stringify({ ...typicalFindings(la, { schoolsJoinedUp: 'Weekly calls.' }).findings }));
    const r = checkFindingsContent({ bytes, contentLength: bytes.length, maxBytes: 256 * 1024, visit: la, today: '2020-09-30' });
    expect(r.ok ? [] : r.reasons).toContain('requirements: Requirements apply only to regulated services: write them for a local authority as recommendations');
  });
});
