/**
 * The local HTTP front door: turns each request into an API Gateway HTTP API (payload v2) event
 * and hands it to the function the catalogue routes it to, exactly as the HTTP API does in AWS.
 * Also serves a small local-only start page and read-only views of the reports bucket.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { functions, type FunctionId } from '../catalogue';
import { describe, type LocalInvoker } from './invoker';

export interface WebOptions {
  readonly port: number;
  readonly invoker: LocalInvoker;
  readonly s3: S3Client;
  readonly reportsBucket: string;
  readonly landingPage: () => string;
  /** Local-only control routes under /local/control/ (tests and CLI scripts use them). */
  readonly control: (action: string, body: string) => Promise<unknown>;
  readonly log?: (line: string) => void;
}

/** Match a path against the catalogue's HTTP API route patterns ('{proxy+}' = rest of the path). */
export function routeFor(path: string): FunctionId | undefined {
  for (const id of Object.keys(functions) as FunctionId[]) {
    const trigger: { http?: readonly string[] } = functions[id].trigger;
    for (const pattern of trigger.http ?? []) {
      const base = pattern.replace(/\{proxy\+\}$/, '');
      if (pattern.endsWith('{proxy+}') ? path.startsWith(base) && path.length > base.length : path === pattern) return id;
    }
  }
  return undefined;
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
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
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

export async function startWeb(options: WebOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const { port, invoker, s3, reportsBucket } = options;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        try {
          if (path === '/' || path === '/index.html') {
            send(res, { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: options.landingPage() });
            return;
          }
          if (path.startsWith('/local/control/') && req.method === 'POST') {
            const out = await options.control(path.slice('/local/control/'.length), Buffer.concat(chunks).toString('utf8'));
            send(res, { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out ?? {}) });
            return;
          }
          if (path.startsWith('/local/reports-bucket/')) {
            // Local-only: ops can open the programme report and other stored files in a browser.
            const key = decodeURIComponent(path.slice('/local/reports-bucket/'.length));
            const obj = await s3.send(new GetObjectCommand({ Bucket: reportsBucket, Key: key }));
            const bytes = Buffer.from(await obj.Body!.transformToByteArray());
            send(res, { statusCode: 200, headers: { 'content-type': obj.ContentType ?? 'application/octet-stream' }, body: bytes.toString('base64'), isBase64Encoded: true });
            return;
          }
          const fn = routeFor(path);
          if (!fn) {
            send(res, { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `No route for ${path}` });
            return;
          }
          const result = (await invoker.invoke(fn, toEvent(req, Buffer.concat(chunks), port))) as APIGatewayProxyStructuredResultV2;
          send(res, result);
        } catch (err) {
          const name = (err as { name?: string }).name;
          const status = name === 'NoSuchKey' ? 404 : 500;
          options.log?.(`[web] ${req.method} ${path} -> ${status}: ${describe(err)}`);
          send(res, { statusCode: status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: status === 404 ? 'Not found' : path.startsWith('/local/control/') ? describe(err) : 'Internal error: see the npm start terminal' });
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${port}`, server, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
