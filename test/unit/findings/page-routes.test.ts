import { describe, expect, it, vi } from 'vitest';
import { createFindingsPage, type FindingsPageDeps } from '../../../shared/findings/page-routes';
import { createVisitToken } from '../../../shared/findings/visit-token';
import type { Publication } from '../../../shared/publication/lifecycle';
import { buildAssetCatalogue } from '../../../shared/web/assets';
import { memoryRenderFiles } from '../../../shared/web/render-files';
import type { WebRequest } from '../../../shared/web/request';
import { typicalFindings, typicalLaOutcome, typicalProvider, typicalSignals, typicalVisit } from '../../support/report-fixture';

const secret = 'page-test-secret';
const now = new Date('2020-09-14T12:00:00Z');
const visit = typicalVisit({ visitId: 'v-page-1', targetName: 'Ty <b>Gwyn</b>', status: 'planned' });
const token = createVisitToken(secret, { visitId: visit.visitId, inspector: 'ann@inspectorate.example.gov.uk', expiresAt: '2020-10-01T00:00:00Z' });

const publication = (state: Publication['state'], over: Partial<Publication> = {}): Publication => ({
  visitId: visit.visitId,
  state,
  version: 1,
  seq: 3,
  history: [],
  openComments: 0,
  edition: 0,
  enforcementTaken: [],
  ...over,
});

function deps(over: Partial<FindingsPageDeps> = {}) {
  const d = {
    getVisit: vi.fn(async (id: string) => (id === visit.visitId ? visit : undefined)),
    getPublication: vi.fn(async (): Promise<Publication | undefined> => undefined),
    latestVersion: vi.fn(async () => typicalFindings(visit)),
    loadContext: async () => ({ provider: typicalProvider({ name: 'Secret Lane Home' }), laOutcome: typicalLaOutcome, signals: typicalSignals }),
    publicUrl: () => 'https://visits.example/reports/x/y/v-page-1/report.html',
    getSecret: async () => secret,
    createPost: vi.fn(async ({ visitId, submissionId }: { visitId: string; submissionId: string }) => ({
      url: 'https://bucket.s3.eu-west-2.amazonaws.com',
      fields: { key: `findings/${visitId}/${submissionId}.json` },
    })),
    recordWaiting: vi.fn(async () => undefined),
    getSubmissionStatus: vi.fn(async () => ({ state: 'accepted' as const, version: 2 })),
    assets: () => buildAssetCatalogue(memoryRenderFiles({ browser: { 'findings.js': 'console.log(1)' } })),
    now: () => now,
    ...over,
  };
  return d;
}

const get = (path: string, query: Record<string, string> = {}, method = 'GET', body?: string): WebRequest => ({
  path,
  query,
  method,
  ...(body ? { body } : {}),
});

describe('the findings page routes', () => {
  it('serve the form with the visit context escaped, a fresh upload form, and the bucket allowed by CSP', async () => {
    const d = deps();
    const res = await createFindingsPage(d)(get(`/visits/${visit.visitId}/findings`, { token }));
    expect(res.statusCode).toBe(200);
    const body = String(res.body);
    expect(body).toContain('Ty &lt;b&gt;Gwyn&lt;/b&gt;');
    expect(body).not.toContain('<b>Gwyn</b>');
    expect(d.createPost).toHaveBeenCalledWith(expect.objectContaining({ visitId: visit.visitId, inspector: 'ann@inspectorate.example.gov.uk' }));
    expect(d.recordWaiting).toHaveBeenCalledOnce();
    expect(res.headers?.['content-security-policy']).toContain("form-action 'self' https://bucket.s3.eu-west-2.amazonaws.com");
    expect(res.headers?.['referrer-policy']).toBe('no-referrer');
    expect(body).not.toMatch(/name="[^"]*grade/i);
    // Each answer says who reads it.
    expect(body).toMatch(
      /id="notesForCommissioners-hint"[^>]*>\s*Anything councils placing children here should know\. Restricted: commissioners only\. Never published\./,
    );
    expect(body).toMatch(/id="goingWell-hint"[^>]*>\s*Write each point on its own line\. Give at least one\. Published in the public report\./);
    expect(body).toContain('data-earliest="2020-01-01"');
  });

  it("show the reviewer's comments and the last answers when the findings were returned", async () => {
    const d = deps({ getPublication: vi.fn(async () => publication('returned', { returnComments: 'Say which records you read.' })) });
    const body = String((await createFindingsPage(d)(get(`/visits/${visit.visitId}/findings`, { token }))).body);
    expect(body).toContain('Say which records you read.');
    expect(body).toContain('Children have warm, trusting relationships with staff who know them well.\nChildren attend school');
    expect(body).toContain('value="Regulation 12 (protection of children standard)"');
    expect(d.createPost).toHaveBeenCalledOnce();
  });

  for (const [state, heading] of [
    ['submitted', 'You have already submitted findings for this visit'],
    ['in-review', 'You have already submitted findings for this visit'],
    ['factual-accuracy', 'You have already submitted findings for this visit'],
    ['published', 'Findings published'],
  ] as const) {
    it(`show findings ${state} read-only, with no upload form (Back after sending lands here)`, async () => {
      const d = deps({ getPublication: vi.fn(async () => publication(state)) });
      const res = await createFindingsPage(d)(get(`/visits/${visit.visitId}/findings`, { token }));
      expect(res.statusCode).toBe(200);
      expect(String(res.body)).toContain(heading);
      expect(String(res.body)).not.toContain('findings-form');
      expect(d.createPost).not.toHaveBeenCalled();
      expect(d.recordWaiting).not.toHaveBeenCalled();
    });
  }

  it('preview the public report as it will read, anonymised, with the restricted answers apart', async () => {
    const page = createFindingsPage(deps());
    const candidate = {
      ...typicalFindings(visit, {
        goingWell: ['Staff at Secret Lane Home are kind.'],
        seriousConcerns: true,
        seriousConcernsDescription: 'Restraint not recorded.',
        enforcementAction: 'compliance-notice',
      }).findings,
    };
    const res = await page(get(`/visits/${visit.visitId}/preview`, { token }, 'POST', JSON.stringify(candidate)));
    expect(res.statusCode).toBe(200);
    const out = JSON.parse(String(res.body)) as { report: string; restricted: string };
    expect(out.report).toContain('Staff at [removed] are kind.');
    expect(out.report).not.toContain('Restraint not recorded');
    expect(out.report).not.toContain('Parent complained');
    expect(out.restricted).toContain('Restraint not recorded.');
    expect(out.restricted).toContain('Compliance notice');
  });

  it('refuse a preview of answers the rules refuse, saying why', async () => {
    const page = createFindingsPage(deps());
    const res = await page(
      get(`/visits/${visit.visitId}/preview`, { token }, 'POST', JSON.stringify({ ...typicalFindings(visit).findings, visitEndDate: '2020-09-20' })),
    );
    expect(res.statusCode).toBe(400);
    expect(String(res.body)).toContain('visitEndDate: The last day of the visit must be on or before');
  });

  for (const [name, query, visitId] of [
    ['a tampered token', { token: token.slice(0, -2) + 'xx' }, visit.visitId],
    ['no token', {}, visit.visitId],
    ["another visit's token", { token }, 'v-page-2'],
    ['an expired token', { token: createVisitToken(secret, { visitId: visit.visitId, inspector: 'a@b.c', expiresAt: '2020-08-01T00:00:00Z' }) }, visit.visitId],
  ] as const) {
    it(`answer ${name} with a 403 page and no pre-signed POST`, async () => {
      const d = deps();
      const res = await createFindingsPage(d)(get(`/visits/${visitId}/findings`, query));
      expect(res.statusCode).toBe(403);
      expect(String(res.body)).toContain('You cannot use this link');
      expect(d.createPost).not.toHaveBeenCalled();
      expect(d.getVisit).not.toHaveBeenCalled();
    });
  }

  it('show the submission status, and as JSON for scripts', async () => {
    const page = createFindingsPage(deps());
    const html = await page(get(`/visits/${visit.visitId}/submissions/abc-123`, { token }));
    expect(String(html.body)).toContain('Findings sent for review');
    const json = await page(get(`/visits/${visit.visitId}/submissions/abc-123`, { token, format: 'json' }));
    expect(JSON.parse(String(json.body))).toEqual({ state: 'accepted', version: 2 });
  });

  it('list every reason on a rejected submission', async () => {
    const page = createFindingsPage(
      deps({ getSubmissionStatus: async () => ({ state: 'rejected', reasons: ['goingWell: Enter at least one thing', 'method: Select how'] }) }),
    );
    const body = String((await page(get(`/visits/${visit.visitId}/submissions/abc-123`, { token }))).body);
    expect(body).toContain('goingWell: Enter at least one thing');
    expect(body).toContain('method: Select how');
    expect(body).toContain('govuk-error-summary');
  });

  it('refuse other methods, unknown paths, odd ids and unknown assets', async () => {
    const page = createFindingsPage(deps());
    expect((await page(get(`/visits/${visit.visitId}/findings`, { token }, 'POST'))).statusCode).toBe(405);
    expect((await page(get(`/visits/${visit.visitId}/preview`, { token }))).statusCode).toBe(405);
    expect((await page(get('/visits/../../etc/passwd/findings', { token }))).statusCode).toBe(404);
    expect((await page(get('/visits/%3Cscript%3E/findings', { token }))).statusCode).toBe(404);
    expect((await page(get('/assets/../../package.json'))).statusCode).toBe(404);
    expect((await page(get('/assets/findings.js'))).statusCode).toBe(200);
  });
});
