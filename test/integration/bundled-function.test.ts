/**
 * A function as it is deployed: built into a directory by the stack's own bundling (infra/
 * visits-function.ts `bundleInto`: the esbuild settings and plugin, the chunks, the GOV.UK
 * templates and assets beside it), loaded by a fresh Node process from `index.mjs` as Lambda loads
 * it, and invoked against the local emulators. The rest of the suite runs handlers from source;
 * this proves the bundle itself works: its chunks load, it finds its templates, and its SDK
 * clients talk to DynamoDB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY } from '../../infra/bundling';
import { localFunctionEnvironment, type Endpoints } from '../../infra/local/cloud';
import { bundleInto } from '../../infra/visits-function';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { isSuppressed } from '../../shared/aws/suppression';
import { createUnsubscribeToken } from '../../shared/notify/unsubscribe-token';
import { useLocalCloud } from '../support/cloud';

const dir = mkdtempSync(join(tmpdir(), 'visits-bundled-function-'));
let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
  bundleInto({ id: 'publicSite', web: true }, dir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  readonly statusCode: number;
  readonly body: string;
}

/** Invokes the bundled handler with HTTP API events in a fresh Node process, as Lambda would. */
function invoke(requests: { method: string; path: string; query?: string }[]): Answer[] {
  const events = requests.map((r) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: r.path,
    rawQueryString: r.query ?? '',
    headers: { host: 'visits.example' },
    queryStringParameters: r.query ? Object.fromEntries(new URLSearchParams(r.query)) : undefined,
    requestContext: {
      http: { method: r.method, path: r.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      stage: '$default',
    },
    isBase64Encoded: false,
  }));
  const script = `
    const { handler } = await import(${JSON.stringify(join(dir, BUNDLE_ENTRY))});
    const context = { functionName: 'publicSite', awsRequestId: 'r', getRemainingTimeInMillis: () => 30000 };
    const out = [];
    for (const event of ${JSON.stringify(events)}) {
      const r = await handler(event, context);
      out.push({ statusCode: r.statusCode, body: r.isBase64Encoded ? Buffer.from(r.body, 'base64').toString('utf8') : r.body });
    }
    console.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...localFunctionEnvironment(e), LAMBDA_TASK_ROOT: dir, POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Answer[];
}

describe('the public site function, bundled as deployed', () => {
  it('renders its GOV.UK pages from the templates beside the bundle and records an unsubscribe in DynamoDB', async () => {
    const email = `bundle-${Date.now()}@council.example.gov.uk`;
    const token = createUnsubscribeToken(await loadLinkSecret(), email);
    const query = `token=${encodeURIComponent(token)}`;
    expect(await isSuppressed(email)).toBe(false);

    const [confirm, done, unknown] = invoke([
      { method: 'GET', path: '/unsubscribe', query },
      { method: 'POST', path: '/unsubscribe', query },
      { method: 'GET', path: '/reports/no-such-la/no-such-home/v-none/report.html' },
    ]);
    expect(confirm!.statusCode).toBe(200);
    expect(confirm!.body).toContain('Unsubscribe from visit report emails');
    expect(confirm!.body).toContain('govuk-template');
    expect(done!.statusCode).toBe(200);
    expect(done!.body).toContain('You have been unsubscribed');
    expect(unknown!.statusCode).toBe(404);
    expect(unknown!.body).toContain('Page not found');
    expect(await isSuppressed(email)).toBe(true);
  });
});
