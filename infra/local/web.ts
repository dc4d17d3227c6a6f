/**
 * The local HTTP front door: turns each request into an API Gateway HTTP API (payload v2) event
 * and hands it to the function the catalogue routes it to, exactly as the HTTP API does in AWS.
 * Also serves a small local-only start page, read-only views of the reports bucket, and the control
 * routes. Every request must name this server on loopback (Host), and a browser's control request
 * must come from this origin (request-guard.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { consumersOf, prefixes, type FunctionId } from '../catalogue';
import type { Endpoints } from './cloud';
import { describe, type LocalInvoker } from './invoker';
import { hostProblem, keyFromPath, originProblem } from './request-guard';

export interface WebOptions {
  readonly port: number;
  readonly invoker: LocalInvoker;
  readonly s3: S3Client;
  /** The only bucket /local/reports-bucket/ reads. */
  readonly reportsBucket: string;
  readonly endpoints: Endpoints;
  /** Local-only control routes under /local/control/ (tests and CLI scripts use them). */
  readonly control: (path: string, body: string) => Promise<unknown>;
  readonly log?: (line: string) => void;
}

const CONTROL = '/local/control/';
const REPORTS_BUCKET = '/local/reports-bucket/';

/** The function the catalogue routes a path to (HTTP API route patterns; '{proxy+}' = rest of the path). */
export function routeFor(path: string): FunctionId | undefined {
  return consumersOf({ http: path })[0];
}

function toEvent(req: IncomingMessage, body: Buffer, port: number): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of url.searchParams) queryStringParameters[k] = queryStringParameters[k] ? `${queryStringParameters[k]},${v}` : v;
  const textual = /^(application\/(json|x-www-form-urlencoded)|text\/)/.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: headers.cookie ? headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: url.search ? queryStringParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? `127.0.0.1:${port}`,
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

const text = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/** Refuse a request that names another host (DNS rebinding) or, for a local-only route, comes from another origin. */
function refusal(req: IncomingMessage, path: string, port: number): string | undefined {
  return hostProblem(req.headers.host, port) ?? (path.startsWith('/local/') ? originProblem(req.headers.origin, port) : undefined);
}

/**
 * Local-only: ops open the programme report (programme/ in the reports bucket, and nothing else) in a
 * browser. Published reports go through the public site's own route; briefings and earlier editions
 * (restricted/) only through the signed briefing page, so this viewer never serves them.
 */
async function reportsBucketObject(o: WebOptions, path: string): Promise<APIGatewayProxyStructuredResultV2> {
  const key = keyFromPath(path, REPORTS_BUCKET);
  if (!key) return text(400, 'Not an object key: "." and ".." segments and empty segments are refused.');
  if (!key.startsWith(prefixes.programme))
    return text(
      404,
      `Only the programme (${prefixes.programme}) is viewable here: published reports are at /reports/, briefings only through their signed links.`,
    );
  const obj = await o.s3.send(new GetObjectCommand({ Bucket: o.reportsBucket, Key: key }));
  const bytes = Buffer.from(await obj.Body!.transformToByteArray());
  return { statusCode: 200, headers: { 'content-type': obj.ContentType ?? 'application/octet-stream' }, body: bytes.toString('base64'), isBase64Encoded: true };
}

async function respond(o: WebOptions, req: IncomingMessage, body: Buffer): Promise<APIGatewayProxyStructuredResultV2> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/' || path === '/index.html')
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: landingPage(o.endpoints) };
  if (path.startsWith(CONTROL) && req.method === 'POST') {
    const out = await o.control(path.slice(CONTROL.length), body.toString('utf8'));
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out ?? {}) };
  }
  // The raw URL, not the parsed one: URL parsing would resolve a `..` before the check sees it.
  if (path.startsWith(REPORTS_BUCKET)) return reportsBucketObject(o, (req.url ?? '').split('?')[0]!);
  const fn = routeFor(path);
  if (!fn) return text(404, `No route for ${path}`);
  return (await o.invoker.invoke(fn, toEvent(req, body, o.port))) as APIGatewayProxyStructuredResultV2;
}

export async function startWeb(o: WebOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const refused = refusal(req, path, o.port);
      if (refused) {
        o.log?.(`[web] ${req.method} ${path} refused: ${refused}`);
        send(res, text(403, refused));
        return;
      }
      respond(o, req, Buffer.concat(chunks)).then(
        (result) => send(res, result),
        (err: unknown) => {
          const status = (err as { name?: string }).name === 'NoSuchKey' ? 404 : 500;
          o.log?.(`[web] ${req.method} ${path} -> ${status}: ${describe(err)}`);
          send(res, text(status, status === 404 ? 'Not found' : path.startsWith(CONTROL) ? describe(err) : 'Internal error: see the npm start terminal'));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(o.port, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${o.port}`, server, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

function landingPage(e: Endpoints): string {
  const link = (href: string, label: string) => `<li><a class="govuk-link" href="${href}">${label}</a></li>`;
  return `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Local cloud - Children's social care visits</title>
<link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Children's social care visits: local cloud</h1>
<p class="govuk-body">Everything below runs on this machine, on real emulators.</p>
<ul class="govuk-list govuk-list--bullet">
${link('/local/reports-bucket/programme/current/index.html', 'Visit programme report')}
${link('/local/reports-bucket/programme/current/transparency.html', 'Algorithmic transparency record')}
${link('/reports/index.html', 'Published visit reports')}
${link(e.mailbox, "Mailbox (emails sent through SES): reviewers', contacts' and commissioners' links arrive here")}
</ul>
<p class="govuk-body">Get an inspector's link for a planned visit with <code>npm run visit-link -- VISIT_ID</code>; a reviewer's or a contact's with <code>--role reviewer</code> or <code>--role provider</code>. Where a visit's findings are: <code>npm run visit -- status VISIT_ID</code>.</p>
</main></div></body></html>`;
}
