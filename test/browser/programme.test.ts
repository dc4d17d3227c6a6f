/**
 * The visit programme as a planner reads it, in headless Chromium at desktop (1280 px) and phone
 * (375 px) widths: the summary (as-of date and downloads first, then triage, changes and capacity),
 * a region's paged visits, and the transparency record. The real Ofsted provider file is the data,
 * with a small home whose new concerns open a triage, on a local cloud of its own (visits other test
 * files leave would take the capacity). axe-core on every page; screenshots in test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixes } from '../../infra/catalogue';
import { controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { openTab, type Tab, launchChromium } from '../support/browser';
import { putObject, settle, uniqueKey } from '../support/cloud';
import { startOwnCloud, type OwnCloud } from '../support/own-cloud';
import { putProvider } from '../support/fixtures';
import { fitsWidth, ProgrammeSummaryPage } from './pages/programme';

const root = resolve(import.meta.dirname, '..', '..');

let own: OwnCloud;
let e: Endpoints;
let browser: Browser;
let summaryUrl: string;
let triageName: string;

async function newTab(width: number): Promise<Tab> {
  const tab = await openTab(browser);
  await tab.page.setViewportSize({ width, height: 900 });
  return tab;
}

beforeAll(async () => {
  own = await startOwnCloud('programme-pages');
  e = own.cloud.endpoints;
  browser = await launchChromium();
  await putObject(
    e.buckets.imports,
    uniqueKey(prefixes.imports, 'providers.csv'),
    readFileSync(resolve(root, 'samples/ofsted/providers-as-at-2018-03-31.csv')),
  );
  await settle(e);
  const home = await putProvider({ name: 'Brook Lane Children’s Home', places: 3 });
  triageName = home.name;
  const csv = [
    'Signal ID,Date,URN,Local authority,Type,Severity,Status,Summary,Source',
    ...['whistleblowing', 'safeguarding', 'serious event'].map((t, i) => `B-${home.urn}-${i},21/08/2020,${home.urn},,${t},3,,Concern,Test`),
  ].join('\n');
  await putObject(e.buckets.imports, uniqueKey(prefixes.imports, 'intelligence.csv'), csv);
  await settle(e);
  const { result } = await controlLocalCloud<{ result: { programmeId: string } }>(e.web, 'invoke/prioritise', { source: 'browser-test', asOf: '2020-08-24' });
  summaryUrl = `${e.web}/local/reports-bucket/${prefixes.programme}${result.programmeId}/index.html`;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await own?.stop();
});

describe('the visit programme, as a planner reads it', () => {
  it('at 1280 px: the summary first (as-of date, downloads, triage, changes, capacity), then a region page by page, then the transparency record', async () => {
    const { page, errors } = await newTab(1280);
    const summary = await ProgrammeSummaryPage.open(page, summaryUrl);
    expect(await summary.asOf()).toBe('As of 24/08/2020');
    expect(await summary.downloads()).toEqual([
      'The whole programme as CSV',
      'The whole programme as JSON',
      'How priorities are set (algorithmic transparency record)',
    ]);
    expect(await summary.sections()).toEqual(['Downloads', 'Triage', 'Changes since the last run', 'Capacity used', 'Visits by region']);
    // The small home whose three new concerns came in on Friday has a visit within ten working days.
    expect(await summary.triageRecordFor(triageName).innerText()).toMatch(/Planned/);
    expect(await summary.changeCounts()).toEqual([
      expect.stringMatching(/^Moved to another week: \d+$/),
      expect.stringMatching(/^Added: \d+$/),
      expect.stringMatching(/^Dropped from the programme: \d+$/),
    ]);
    expect(await summary.capacityTables().count()).toBe(2);
    expect(await summary.accessibilityViolations()).toEqual([]);
    await summary.screenshot('programme-summary-1280');

    const region = await summary.openRegion('North West');
    expect(await region.plannedVisitCount()).toBeGreaterThan(0);
    // Each reason says the factor in words and its points, e.g. "Inadequate at last full inspection (12/03/2019): +40".
    expect((await region.reasonsOfFirstVisit()).some((r) => /\w.*: [+-]\d+$/.test(r.trim()))).toBe(true);
    expect(await region.currentPage()).toBe('1');
    expect(await region.accessibilityViolations()).toEqual([]);
    await region.screenshot('programme-region-1280', false);
    const next = await region.nextPage();
    expect(await next.currentPage()).toBe('2');
    expect(await next.accessibilityViolations()).toEqual([]);

    const record = await (await next.backToSummary()).openTransparencyRecord();
    expect(await record.policyRows('Triage of new concerns')).toEqual([
      'A new signal or serious concerns that lift a score to this or over open a triage record',
      'A triage visit is planned in a week starting within this many working days of the signal',
    ]);
    expect(await record.accessibilityViolations()).toEqual([]);
    await record.screenshot('programme-transparency-1280', false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 375 px: the summary, a region page and the transparency record fit a phone’s width', async () => {
    const { page, errors } = await newTab(375);
    const summary = await ProgrammeSummaryPage.open(page, summaryUrl);
    expect(await fitsWidth(page)).toBe(true);
    expect(await summary.accessibilityViolations()).toEqual([]);
    await summary.screenshot('programme-summary-375', false);
    const region = await summary.openRegion('London');
    expect(await fitsWidth(page)).toBe(true);
    expect(await region.accessibilityViolations()).toEqual([]);
    await region.screenshot('programme-region-375', false);
    const record = await (await region.backToSummary()).openTransparencyRecord();
    expect(await fitsWidth(page)).toBe(true);
    expect(await record.accessibilityViolations()).toEqual([]);
    await record.screenshot('programme-transparency-375', false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
