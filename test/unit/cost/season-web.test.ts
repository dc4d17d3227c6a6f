import { describe, expect, it } from 'vitest';
import { pageAssets } from '../../../bench/cost/season-web';

describe('what a browser loads for a page', () => {
  it('takes the stylesheet, script, manifest and a single favicon, not the icons only Apple and Safari ask for', () => {
    const html = `<link rel="icon" sizes="48x48" href="/assets/images/favicon.ico"><link rel="icon" href="/assets/images/favicon.svg">
<link rel="mask-icon" href="/assets/images/govuk-icon-mask.svg"><link rel="apple-touch-icon" href="/assets/images/govuk-icon-180.png">
<link rel="manifest" href="/assets/manifest.json"><link rel="stylesheet" href="/assets/govuk-frontend.min.css">
<a href="/reports/index.html">Reports</a><script type="module" src="/assets/findings.js?v=1&amp;x=2"></script><img src="https://elsewhere.example/x.png">`;
    expect(pageAssets(html)).toEqual(['/assets/images/favicon.ico', '/assets/manifest.json', '/assets/govuk-frontend.min.css', '/assets/findings.js?v=1&x=2']);
  });
});
