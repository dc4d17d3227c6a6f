import { describe, expect, it } from 'vitest';
import { compressedResponse } from '../../../shared/web/compression';
import { contentSecurityPolicy, html, securityHeaders } from '../../../shared/web/http';
import { cspHash, inlineBlocksOf } from '../../../shared/web/inline-blocks';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';

const GOVUK_SNIPPET = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

describe('security headers', () => {
  it('every response gets HSTS, a Permissions-Policy, COOP and CORP, and no framing or sniffing', () => {
    const h = securityHeaders();
    expect(h['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(h['permissions-policy']).toMatch(/(^|, )camera=\(\)(,|$)/);
    expect(h['permissions-policy']).toMatch(/(^|, )geolocation=\(\)(,|$)/);
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('no-referrer');
  });

  it('the CSP never allows inline code by keyword, only the known blocks by hash', () => {
    const csp = contentSecurityPolicy({ scriptHashes: [cspHash('known()')], styleHashes: [cspHash('p{}')] }, { connectTo: ['https://bucket.example'] });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'report-sample' ${cspHash('known()')}`);
    expect(directive(csp, 'style-src')).toBe(`style-src 'self' 'report-sample' ${cspHash('p{}')}`);
    expect(directive(csp, 'form-action')).toBe("form-action 'self' https://bucket.example");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'none'");
  });

  it("a stored page's own inline script is not allowed: only the templates' scripts are", () => {
    const tampered = `<html><body><script>${GOVUK_SNIPPET}</script><script>fetch('/steal?c=' + document.cookie)</script></body></html>`;
    const csp = String(html(200, tampered).headers?.['content-security-policy']);
    expect(directive(csp, 'script-src')).toContain(cspHash(GOVUK_SNIPPET));
    expect(csp).not.toContain(cspHash("fetch('/steal?c=' + document.cookie)"));
  });
});

describe('known inline blocks', () => {
  it('are the static scripts and styles of the templates, not JSON data blocks, and name the dynamic ones', () => {
    const blocks = inlineBlocksOf(
      [
        { name: 'a.njk', source: '<script>one()</script><script type="application/json" id="x">{{ data | safe }}</script><style>p{color:red}</style>' },
        { name: 'b.njk', source: '<script type="module">two()</script><script src="/x.js"></script><script>var n = {{ n }};</script>' },
      ],
      ['body{margin:0}'],
    );
    expect(blocks.scriptHashes).toEqual([cspHash('one()'), cspHash('two()')].sort());
    expect(blocks.styleHashes).toEqual([cspHash('p{color:red}'), cspHash('body{margin:0}')].sort());
    expect(blocks.dynamicScripts).toEqual([{ template: 'b.njk', body: 'var n = {{ n }};' }]);
  });
});

describe('page compression', () => {
  const page = { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<p>visit findings</p>'.repeat(200) };

  it('compresses a page with brotli or gzip as the browser accepts, and says so', () => {
    const br = compressedResponse(page, 'gzip, deflate, br, zstd');
    expect(br.headers?.['content-encoding']).toBe('br');
    expect(br.headers?.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(Buffer.from(String(br.body), 'base64')).toString('utf8')).toBe(page.body);
    const gz = compressedResponse(page, 'gzip;q=1, br;q=0');
    expect(gz.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(String(gz.body), 'base64')).toString('utf8')).toBe(page.body);
  });

  it('leaves alone a response the browser cannot decode, a small one, and one already binary', () => {
    expect(compressedResponse(page, undefined)).toBe(page);
    expect(compressedResponse(page, 'identity')).toBe(page);
    const small = { ...page, body: '<p>ok</p>' };
    expect(compressedResponse(small, 'br')).toBe(small);
    const pdf = { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: 'JVBERi0=', isBase64Encoded: true };
    expect(compressedResponse(pdf, 'br')).toBe(pdf);
  });
});
