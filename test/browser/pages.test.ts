/**
 * Every page a person uses, in headless Debian Chromium (playwright-core), against the local
 * cloud's web server: the inspector's findings form (empty submit -> error summary, fill in ->
 * check your answers -> upload -> sent for review), a tampered link (403), the published index with search, a report, and
 * one-click unsubscribe. axe-core runs on each page; screenshots go to test-artifacts/.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../infra/catalogue';
import type { Endpoints } from '../../infra/local/cloud';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { getEdition } from '../../shared/aws/publication-store';
import { isSuppressed } from '../../shared/aws/suppression';
import type { Visit } from '../../shared/domain/types';
import { createVisitToken, visitLinkUrl } from '../../shared/findings/visit-token';
import { createUnsubscribeToken, unsubscribeUrl } from '../../shared/notify/unsubscribe-token';
import { axeViolations, chromiumPath, newPage as openPage } from '../support/browser';
import { settle, useLocalCloud } from '../support/cloud';
import { putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { controlLocalCloud } from '../../infra/local/cloud';

let e: Endpoints;
let browser: Browser;

beforeAll(async () => {
  e = useLocalCloud();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const newPage = () => openPage(browser);

async function linkFor(visit: Visit): Promise<string> {
  const token = createVisitToken(await loadLinkSecret(), { visitId: visit.visitId, inspector: visit.inspector!, expiresAt: new Date(Date.now() + limits.visitLinkLifetimeDays * 86_400_000).toISOString() });
  return visitLinkUrl(e.web, visit.visitId, token);
}

describe('the inspector findings form', () => {
  it('shows the visit, refuses an empty submit with a GOV.UK error summary, then uploads and reaches "accepted"', async () => {
    const visit = await putVisit({ targetName: 'Meadow View Children’s Home' });
    const { page, errors } = await newPage();
    await page.goto(await linkFor(visit));
    expect((await page.locator('h1:visible').innerText()).trim()).toBe('Meadow View Children’s Home');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(visit.target);
    // No grade field anywhere: no control and no label asks for one.
    expect(await page.locator('form [name*="grade" i], form [id*="grade" i]').count()).toBe(0);
    expect(await page.locator('form label, form legend').allInnerTexts()).not.toContainEqual(expect.stringMatching(/grade/i));
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/findings-form.png', fullPage: true });

    await page.click('#submit-findings');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const summaryText = await summary.innerText();
    for (const message of ['Enter the first day of the visit', 'Enter the last day of the visit', 'Select how the visit was done', 'Enter at least one thing that is going well', 'Select yes if there are serious concerns'])
      expect(summaryText).toContain(message);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);
    // Each summary link leads to its field, which shows the same message inline.
    await page.click('.govuk-error-summary a[href="#goingWell"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('goingWell');
    expect(await page.locator('#goingWell-error').innerText()).toContain('Enter at least one thing that is going well');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/findings-form-errors.png', fullPage: true });

    await page.fill('#visitStartDate-day', '8');
    await page.fill('#visitStartDate-month', '9');
    await page.fill('#visitStartDate-year', '2020');
    await page.fill('#visitEndDate-day', '9');
    await page.fill('#visitEndDate-month', '9');
    await page.fill('#visitEndDate-year', '2020');
    await page.check('#method');
    await page.fill('#childrensExperiences', 'Children told us they feel listened to.\nThey showed us their rooms with pride.');
    await page.fill('#pandemicDecisions', 'Managers recorded each decision about family contact and why it was made.');
    await page.fill('#goingWell', 'Warm relationships with staff\nGood school attendance');
    await page.fill('#needsToImprove', 'Risk assessments are not updated after incidents');
    await page.check('#seriousConcerns-2'); // No
    await page.click('#submit-findings');
    await page.locator('#check-step:not([hidden])').waitFor();
    await page.click('#send-findings');
    await page.waitForURL(/\/submissions\//).catch(async (err: unknown) => {
      // Say why the page stayed: its error summary (a refused upload says what the service answered).
      await page.screenshot({ path: 'test-artifacts/findings-submit-failed.png', fullPage: true });
      const summary = await page.locator('.govuk-error-summary').allInnerTexts();
      throw new Error(`the page did not move on to the submission status: ${summary.join(' | ') || 'no error summary'}; browser errors: ${errors.join(' | ') || 'none'}`, { cause: err });
    });
    await page.locator('#submission-state[data-state="accepted"]').waitFor({ timeout: 20_000 });
    expect((await page.locator('.govuk-panel__title').innerText()).trim()).toBe('Findings sent for review');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/findings-accepted.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a tampered link with a GOV.UK 403 page and no upload form', async () => {
    const visit = await putVisit();
    const link = await linkFor(visit);
    const tampered = link.replace(/token=([^&]+)/, (_m, t: string) => `token=${t.slice(0, -3)}${t.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    const { page } = await newPage();
    const res = await page.goto(tampered);
    expect(res?.status()).toBe(403);
    expect((await page.locator('h1').innerText()).trim()).toBe('You cannot use this link');
    expect(await page.locator('form#findings-form').count()).toBe(0);
    expect(await page.content()).not.toContain('X-Amz-Signature');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/findings-403.png', fullPage: true });
    await page.close();
  });
});

describe('the public pages', () => {
  it('lists published reports with a working search, opens a report, and unsubscribes in one click', async () => {
    const visit = await putVisit({ targetName: 'Searchable House', provisionType: 'Independent Fostering Agency' });
    const { page, errors } = await newPage();
    // Through review and factual accuracy to publication on its date (the reviewer's and contact's pages have their own story).
    await publishThroughReview(e, visit);
    expect(await getEdition(visit.visitId, 1)).toBeDefined();

    await page.goto(`${e.web}/reports/index.html`);
    expect((await page.locator('h1').innerText()).trim()).toBe('Published visit reports');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#report-search', 'searchable');
    const visible = await page.locator('[data-search]:visible').allInnerTexts();
    expect(visible.length).toBeGreaterThanOrEqual(1);
    expect(visible.every((t) => t.includes('Searchable House'))).toBe(true);
    await page.screenshot({ path: 'test-artifacts/reports-index-search.png', fullPage: true });

    await page.click('[data-search]:visible a.govuk-link >> nth=0');
    expect((await page.locator('h1').innerText()).trim()).toBe('Visit to Searchable House');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/report-page.png', fullPage: true });

    const email = 'unsubscribe.me@testshire.example.gov.uk';
    await page.goto(unsubscribeUrl(e.web, createUnsubscribeToken(await loadLinkSecret(), email)));
    expect((await page.locator('h1').innerText()).trim()).toBe('Unsubscribe from visit report emails');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('button:has-text("Unsubscribe")');
    expect((await page.locator('.govuk-panel__title').innerText()).trim()).toBe('You have been unsubscribed');
    expect(await isSuppressed(email)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/unsubscribed.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the visit programme report', () => {
  it('shows every planned visit with its reasons, the capacity chart and the transparency record', async () => {
    await putVisit(); // at least one open provider in the store
    await controlLocalCloud(e.web, 'schedule/nightlyPrioritise');
    await settle(e);
    const { page, errors } = await newPage();
    const res = await page.goto(`${e.web}/local/reports-bucket/programme/current/index.html`);
    expect(res?.status()).toBe(200);
    expect((await page.locator('h1').innerText()).trim()).toBe('Visit programme');
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const firstRowReasons = await rows.first().locator('td').nth(4).locator('li').allInnerTexts();
    expect(firstRowReasons.length).toBeGreaterThan(0);
    // Each reason says the factor in words and its points, e.g. "Inadequate at last full inspection (12/03/2019): +40".
    expect(firstRowReasons.some((r) => /\w.*: [+-]\d+(\.\d+)?$/.test(r.trim()))).toBe(true);
    expect(await page.locator('#chart-title').textContent()).toContain('capacity');
    expect(await page.locator('svg[role="img"] rect').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/programme-report.png', fullPage: false });
    await page.click('a:has-text("algorithmic transparency record")');
    expect(await page.locator('h1').innerText()).toMatch(/^Visit prioritisation for children/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/transparency-record.png', fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
