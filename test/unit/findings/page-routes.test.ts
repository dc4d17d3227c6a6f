import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createFindingsPage, type FindingsPageDeps } from '../../../shared/findings/page-routes';
import { createVisitToken } from '../../../shared/findings/visit-token';
import { typicalVisit } from '../../support/report-fixture';
import { buildAssetCatalogue } from '../../../shared/web/assets';
import { memoryRenderFiles } from '../../../shared/web/render-files';

const secret = 'page-test-secret';
const now = new Date('2020-09-01T12:00:00Z');
const visit = typicalVisit({ visitId: 'v-page-1', targetName: 'Ty <b>Gwyn</b>', status: 'planned' });
const token = createVisitToken(secret, { visitId: visit.visitId, inspector: 'ann@inspectorate.example.gov.uk', expiresAt: '2020-10-01T00:00:00Z' });

function deps(over: Partial<FindingsPageDeps> = {}) {
  const d = {
    getVisit: vi.fn(async (id: string) => (id === visit.visitId ? visit : undefined)),
    getSecret: async () => secret,
    createPost: vi.fn(async ({ visitId, submissionId }: { visitId: string; submissionId: string }) => ({ url: 'https://bucket.s3.eu-west-2.amazonaws.com', fields: { key: `findings/${visitId}/${submissionId}.json` } })),
    recordWaiting: vi.fn(async () => undefined),
    getSubmissionStatus: vi.fn(async () => ({ state: 'accepted' as const, version: 2 })),
    assets: () => buildAssetCatalogue(memoryRenderFiles({ browser: { 'findings.js': 'console.log(1)' } })),
    now: () => now,
    ...over,
  };
  return d;
}

const get = (path: string, query: Record<string, string> = {}, method = 'GET') =>
  ({ rawPath: path, queryStringParameters: query, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

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
    expect(res.headers?.['content-security-policy']).toContain('form-action \'self\' https://bucket.s3.eu-west-2.amazonaws.com');
    expect(res.headers?.['referrer-policy']).toBe('no-referrer');
    expect(body).not.toMatch(/name="[^"]*grade/i);
  });

  for (const [name, query, visitId] of [
    ['a tampered token', { token: token.slice(0, -2) + 'xx' }, visit.visitId],
    ['no token', {}, visit.visitId],
    ['another visit\'s token', { token }, 'v-page-2'],
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
    expect(String(html.body)).toContain('Findings accepted');
    const json = await page(get(`/visits/${visit.visitId}/submissions/abc-123`, { token, format: 'json' }));
    expect(JSON.parse(String(json.body))).toEqual({ state: 'accepted', version: 2 });
  });

  it('list every reason on a rejected submission', async () => {
    const page = createFindingsPage(deps({ getSubmissionStatus: async () => ({ state: 'rejected', reasons: ['goingWell: Enter at least one thing', 'method: Select how'] }) }));
    const body = String((await page(get(`/visits/${visit.visitId}/submissions/abc-123`, { token }))).body);
    expect(body).toContain('goingWell: Enter at least one thing');
    expect(body).toContain('method: Select how');
    expect(body).toContain('govuk-error-summary');
  });

  it('refuse other methods, unknown paths, odd ids and unknown assets', async () => {
    const page = createFindingsPage(deps());
    expect((await page(get(`/visits/${visit.visitId}/findings`, { token }, 'POST'))).statusCode).toBe(405);
    expect((await page(get('/visits/../../etc/passwd/findings', { token }))).statusCode).toBe(404);
    expect((await page(get('/visits/%3Cscript%3E/findings', { token }))).statusCode).toBe(404);
    expect((await page(get('/assets/../../package.json'))).statusCode).toBe(404);
    expect((await page(get('/assets/findings.js'))).statusCode).toBe(200);
  });
});
