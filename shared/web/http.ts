/** HTTP API (payload v2) responses with the security headers every page gets. */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface PageOptions {
  /** Extra origins the page may POST forms or fetch to (the findings bucket). */
  readonly connectTo?: readonly string[];
  readonly cache?: 'no-store' | 'public';
  /** Inline <script> blocks the page may run, allowed by hash (stored pages carry their own). */
  readonly inlineScripts?: readonly string[];
}

/** The inline <script> bodies of a stored page, so its CSP can allow exactly those by hash. */
export function inlineScriptsOf(page: string): string[] {
  return [...page.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').filter((s) => s.trim() !== '');
}

export function securityHeaders(options: PageOptions = {}): Record<string, string> {
  const extra = (options.connectTo ?? []).join(' ');
  const hashes = (options.inlineScripts ?? []).map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`).join(' ');
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' ${hashes}`.trim(),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self' ${extra}`.trim(),
      `form-action 'self' ${extra}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Links carry signed tokens: never leak them to another site.
    'referrer-policy': 'no-referrer',
    'cache-control': options.cache === 'public' ? 'public, max-age=300' : 'no-store',
  };
}

/**
 * An HTML page. Its own inline scripts (GOV.UK's js-enabled snippet, the index search) are allowed
 * by hash; templates autoescape every value, so no script can come from user text.
 */
export function html(statusCode: number, body: string, options: PageOptions = {}): APIGatewayProxyStructuredResultV2 {
  const inlineScripts = [...(options.inlineScripts ?? []), ...inlineScriptsOf(body)];
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...securityHeaders({ ...options, inlineScripts }) }, body };
}

export function json(statusCode: number, value: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', ...securityHeaders() }, body: JSON.stringify(value) };
}

export function binary(statusCode: number, bytes: Uint8Array, contentType: string, options: PageOptions = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': contentType, ...securityHeaders(options) }, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
}
