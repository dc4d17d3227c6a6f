/**
 * Every page loads its GOV.UK assets (stylesheet, fonts, crest, the form's script) from /assets/
 * under content-hashed names, compressed and cached for a year, with no 404 and nothing refused by
 * the Content-Security-Policy; and a script slipped into a stored report does not run.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { s3Client } from '../../shared/aws/s3-client';
import { requireEnv } from '../../shared/aws/config';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { getEdition } from '../../shared/aws/publication-store';
import type { Visit } from '../../shared/domain/types';
import { createUnsubscribeToken, unsubscribeUrl } from '../../shared/notify/unsubscribe-token';
import { inspectorLink } from '../support/links';
import { launchChromium } from '../support/browser';
import { settle, useLocalCloud } from '../support/cloud';
import { putVisit, validFindings } from '../support/fixtures';
import { postFindings } from '../support/submit';
import { approve, closeWindowAndPublish } from '../support/publication';
import { LoadedPage } from './pages/loaded-page';

let e: Endpoints;
let browser: Browser;

beforeAll(async () => {
  e = useLocalCloud();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Sends a visit's findings the way the form's script does (the form's own test drives the form), then through review to publication. */
async function publish(visit: Visit): Promise<string> {
  const form = await (await fetch(await inspectorLink(e.web, visit))).text();
  const target = JSON.parse(/<script type="application\/json" id="upload-target">([\s\S]*?)<\/script>/.exec(form)![1]!) as {
    url: string;
    fields: Record<string, string>;
  };
  const res = await postFindings(target, JSON.stringify(validFindings(visit)));
  expect(res.ok, `S3 POST answered ${res.status}`).toBe(true);
  await settle(e);
  await approve(e, visit);
  await closeWindowAndPublish(e, visit.visitId);
  const report = await getEdition(visit.visitId, 1);
  expect(report, 'the report was published').toBeDefined();
  return report!.htmlKey;
}

/** The page loaded every asset, styled and in GDS Transport, and the browser refused nothing. */
async function expectEveryAssetLoaded(page: LoadedPage, name: string, fullPage = true): Promise<void> {
  await page.screenshot(name, fullPage);
  expect(page.failedAssets, `${name}: assets that did not load`).toEqual([]);
  expect(await page.cspViolations(), `${name}: refused by the CSP`).toEqual([]);
  expect(page.consoleErrors, `${name}: console errors`).toEqual([]);
  expect(await page.headerBackground(), `${name}: GOV.UK's stylesheet applied`).not.toBe('rgba(0, 0, 0, 0)');
  expect((await page.loadedFonts()).sort(), `${name}: fonts`).toEqual(['GDS Transport 400', 'GDS Transport 700']);
  for (const asset of page.assetResponses) {
    expect(asset.path, `${name}: content-hashed name`).toMatch(/\.[0-9a-f]{12}\.[a-z0-9]+$/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    if (/\.(css|js|svg)$/.test(asset.path)) expect(asset.headers['content-encoding'], `${asset.path} compressed`).toMatch(/^(br|gzip)$/);
  }
}

describe('GOV.UK assets on every page', () => {
  it("an inspector's form, its status page, a refused link and a missing page load every asset, with nothing refused", async () => {
    const visit = await putVisit({ targetName: 'Asset Check House' });
    const link = await inspectorLink(e.web, visit);
    const page = await LoadedPage.open(browser, link);
    expect(await page.heading()).toBe('Asset Check House');
    expect(page.assetResponses.map((a) => a.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/assets\/govuk-frontend\.min\.[0-9a-f]{12}\.css$/),
        expect.stringMatching(/^\/assets\/findings\.[0-9a-f]{12}\.js$/),
        expect.stringMatching(/^\/assets\/fonts\/.*\.woff2$/),
        expect.stringMatching(/^\/assets\/images\/govuk-crest\.[0-9a-f]{12}\.svg$/),
      ]),
    );
    // The form's script ran: GOV.UK Frontend initialised the submit button.
    expect(await page.page.locator('#submit-findings[data-govuk-button-init]').count()).toBe(1);
    await expectEveryAssetLoaded(page, 'assets-findings-form');

    const statusUrl = await page.page.locator('#findings-form').getAttribute('data-status-url');
    expect(await page.goto(`${e.web}${statusUrl}`)).toBe(200);
    await expectEveryAssetLoaded(page, 'assets-status-page');

    expect(await page.goto(link.replace(/token=[^&]+/, 'token=v1.broken.link'))).toBe(403);
    expect(await page.heading()).toBe('You cannot use this link');
    await expectEveryAssetLoaded(page, 'assets-403');

    expect(await page.goto(`${e.web}/visits/nothing-here/elsewhere`)).toBe(404);
    expect(await page.heading()).toBe('Page not found');
    await expectEveryAssetLoaded(page, 'assets-404');
    await page.close();
  });

  it('the published index, a report and the unsubscribe pages load every asset, with nothing refused', async () => {
    const visit = await putVisit({ targetName: 'Asset Check Lodge', provisionType: 'Independent Fostering Agency' });
    const htmlKey = await publish(visit);
    const page = await LoadedPage.open(browser, `${e.web}/reports/index.html`);
    expect(await page.heading()).toBe('Published visit reports');
    await expectEveryAssetLoaded(page, 'assets-reports-index');
    // The index's search script (inline, allowed by its hash) runs.
    await page.page.fill('#report-search', 'asset check lodge');
    expect(await page.page.locator('#report-count').innerText()).toMatch(/match your search/);

    expect(await page.goto(`${e.web}/${htmlKey}`)).toBe(200);
    expect(await page.heading()).toBe('Visit to Asset Check Lodge');
    await expectEveryAssetLoaded(page, 'assets-report');

    const unsubscribe = unsubscribeUrl(e.web, createUnsubscribeToken(await loadLinkSecret(), 'assets.check@testshire.example.gov.uk'));
    expect(await page.goto(unsubscribe)).toBe(200);
    await expectEveryAssetLoaded(page, 'assets-unsubscribe');
    expect(await page.goto(unsubscribe.replace(/token=[^&]+/, 'token=u1.broken'))).toBe(403);
    await expectEveryAssetLoaded(page, 'assets-unsubscribe-403');
    await page.close();
  });

  it('a script added to a stored report after publication does not run, and the browser says why', async () => {
    const visit = await putVisit({ targetName: 'Tampered Hall', provisionType: 'Independent Fostering Agency' });
    const htmlKey = await publish(visit);
    const stored = await (await fetch(`${e.web}/${htmlKey}`)).text();
    const tampered = stored.replace('</main>', "<script>document.title = 'tampered'</script></main>");
    expect(tampered).not.toBe(stored);
    await s3Client().send(new PutObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: htmlKey, Body: tampered, ContentType: 'text/html; charset=utf-8' }));

    const page = await LoadedPage.open(browser, `${e.web}/${htmlKey}`);
    expect(await page.heading()).toBe('Visit to Tampered Hall');
    expect(await page.title()).not.toBe('tampered');
    expect(await page.cspViolations()).toEqual([expect.stringMatching(/^script-src-elem inline: document\.title = 'tampered'/)]);
    // GOV.UK's own inline script (js-enabled) still ran: only the added one was refused.
    expect(await page.page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(true);
    await page.close();
  });

  it('the visit programme opened from the local bucket viewer loads its fonts and crest', async () => {
    await putVisit();
    await controlLocalCloud(e.web, 'schedule/nightlyPrioritise');
    await settle(e);
    const page = await LoadedPage.open(browser, `${e.web}/local/reports-bucket/programme/current/index.html`);
    expect(await page.heading()).toBe('Visit programme');
    await expectEveryAssetLoaded(page, 'assets-programme', false);
    await page.close();
  });
});
