/** HTTP API (payload v2) responses with the security headers every response gets. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NO_INLINE, type KnownInline } from './inline-blocks';
import { siteFiles } from './site-files';

export interface PageOptions {
  /** Extra origins the page may POST forms or fetch to (the findings bucket). */
  readonly connectTo?: readonly string[];
  readonly cache?: 'no-store' | 'public';
}

/**
 * Scripts and styles come from our own origin, plus the inline blocks our templates (and GOV.UK's)
 * hold, allowed by hash: never 'unsafe-inline', and never a hash taken from the page being served.
 */
export function contentSecurityPolicy(known: KnownInline, options: PageOptions = {}): string {
  const extra = (options.connectTo ?? []).join(' ');
  return [
    "default-src 'self'",
    // 'report-sample': a refused inline block's first characters appear in the browser's report.
    `script-src ${["'self'", "'report-sample'", ...known.scriptHashes].join(' ')}`,
    `style-src ${["'self'", "'report-sample'", ...known.styleHashes].join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${extra}`.trim(),
    `form-action 'self' ${extra}`.trim(),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Features no page of ours uses: refused for the page and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export function securityHeaders(options: PageOptions = {}, known: KnownInline = NO_INLINE): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(known, options),
    // Two years, every subdomain: the service is only ever reached over HTTPS (browsers ignore it on http://127.0.0.1).
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Links carry signed tokens: never leak them to another site.
    'referrer-policy': 'no-referrer',
    'cache-control': options.cache === 'public' ? 'public, max-age=300' : 'no-store',
  };
}

/**
 * An HTML page rendered from our templates (now, or earlier and stored in S3). Its inline blocks are
 * allowed only if our templates hold them; templates autoescape every value, so no script can come
 * from user text.
 */
export function html(statusCode: number, body: string, options: PageOptions = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(options, siteFiles().inlineBlocks()) }, body };
}

export function json(statusCode: number, value: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', ...securityHeaders() }, body: JSON.stringify(value) };
}

export function binary(statusCode: number, bytes: Uint8Array, contentType: string, options: PageOptions = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...securityHeaders(options) },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
