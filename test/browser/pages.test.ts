/**
 * Every page a person uses, in headless Debian Chromium (playwright-core), against the local
 * cloud's web server, told as the users' stories: the inspector's findings form (empty submit ->
 * error summary, fill in -> upload -> accepted), a tampered link (403), the published index with
 * search, a report and one-click unsubscribe (the planners' programme pages are in
 * programme.test.ts). Selectors live in the page objects (test/browser/pages/); axe-core runs on
 * each page; screenshots go to test-artifacts/.
 */
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { getEdition } from '../../shared/aws/publication-store';
import { isSuppressed } from '../../shared/aws/suppression';
import type { Visit } from '../../shared/domain/types';
import { createUnsubscribeToken, unsubscribeUrl } from '../../shared/notify/unsubscribe-token';
import { inspectorLink } from '../support/links';
import { openTab, type Tab, launchChromium } from '../support/browser';
import { useLocalCloud } from '../support/cloud';
import { putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { FindingsFormPage, type FindingsAnswers } from './pages/findings-form';
import { LinkRefusedPage } from './pages/link-refused';
import { ReportsIndexPage } from './pages/reports-index';
import { UnsubscribePage } from './pages/unsubscribe';

let e: Endpoints;
let browser: Browser;

beforeAll(async () => {
  e = useLocalCloud();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

function newTab(): Promise<Tab> {
  return openTab(browser);
}

async function openFindingsForm(tab: Tab, visit: Visit): Promise<FindingsFormPage> {
  await tab.page.goto(await inspectorLink(e.web, visit));
  return FindingsFormPage.verifyOnPage(tab.page, visit.targetName);
}

const meadowViewFindings: FindingsAnswers = {
  firstDay: ['8', '9', '2020'],
  lastDay: ['9', '9', '2020'],
  method: 'On site',
  childrensExperiences: 'Children told us they feel listened to.\nThey showed us their rooms with pride.',
  pandemicDecisions: 'Managers recorded each decision about family contact and why it was made.',
  goingWell: ['Warm relationships with staff', 'Good school attendance'],
  needsToImprove: ['Risk assessments are not updated after incidents'],
  seriousConcerns: false,
};

describe('the inspector findings form', () => {
  it('shows the visit, refuses an empty submit with a GOV.UK error summary, then checks the answers, uploads and sends them for review', async () => {
    const visit = await putVisit({ targetName: 'Meadow View Children’s Home' });
    const tab = await newTab();

    // The inspector opens the link from their email and sees the visit, with no grade asked for.
    const form = await openFindingsForm(tab, visit);
    expect(await form.visitDetails()).toContain(visit.target);
    expect(await form.gradeControls()).toBe(0);
    expect(await form.questions()).not.toContainEqual(expect.stringMatching(/grade/i));
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.screenshot('findings-form');

    // They submit too early: every missing answer is listed, and the summary takes focus.
    await form.submitExpectingErrors();
    const summary = await form.errorSummary();
    for (const message of [
      'Enter the first day of the visit',
      'Enter the last day of the visit',
      'Select how the visit was done',
      'Enter at least one thing that is going well',
      'Select yes if there are serious concerns',
    ])
      expect(summary).toContain(message);
    expect(await form.title()).toMatch(/^Error: /);
    expect(await form.errorSummaryHasFocus()).toBe(true);

    // Each summary link leads to its field, which shows the same message inline.
    expect(await form.followErrorLinkTo('goingWell')).toBe('goingWell');
    expect(await form.inlineError('goingWell')).toContain('Enter at least one thing that is going well');
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.screenshot('findings-form-errors');

    // They answer every question, check the public report as it will read, and send: the upload
    // goes to S3 and the findings go to a reviewer (nothing is published yet).
    await form.fillIn(meadowViewFindings);
    const status = await form.submit(tab);
    await status.waitFor('accepted');
    expect(await status.panelTitle()).toBe('Findings sent for review');
    expect(await status.accessibilityViolations()).toEqual([]);
    await status.screenshot('findings-accepted');
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });

  it('answers a tampered link with a GOV.UK 403 page and no upload form', async () => {
    const visit = await putVisit();
    const link = await inspectorLink(e.web, visit);
    const tampered = link.replace(/token=([^&]+)/, (_m, t: string) => `token=${t.slice(0, -3)}${t.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    const tab = await newTab();

    const res = await tab.page.goto(tampered);
    expect(res?.status()).toBe(403);
    const refused = await LinkRefusedPage.verifyOnPage(tab.page);
    expect(await refused.hasUploadForm()).toBe(false);
    expect(await refused.carriesUploadSignature()).toBe(false);
    expect(await refused.accessibilityViolations()).toEqual([]);
    await refused.screenshot('findings-403');
    await tab.page.close();
  });
});

describe('the public pages', () => {
  it('lists published reports with a working search, opens a report, and unsubscribes in one click', async () => {
    const visit = await putVisit({ targetName: 'Searchable House', provisionType: 'Independent Fostering Agency' });
    const tab = await newTab();

    // Findings are reviewed, checked for factual accuracy and published on their date (the
    // reviewer's and the contact's pages have their own story in publication.test.ts).
    await publishThroughReview(e, visit);
    expect(await getEdition(visit.visitId, 1)).toBeDefined();

    // A member of the public finds the report by searching for the home's name, and reads it.
    const index = await ReportsIndexPage.open(tab.page, e.web);
    expect(await index.accessibilityViolations()).toEqual([]);
    await index.search('searchable');
    const results = await index.results();
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.every((t) => t.includes('Searchable House'))).toBe(true);
    await index.screenshot('reports-index-search');

    const report = await index.openFirstResult('Searchable House');
    expect(await report.accessibilityViolations()).toEqual([]);
    await report.screenshot('report-page');

    // A commissioner follows the unsubscribe link in an email and confirms with one click.
    const email = 'unsubscribe.me@testshire.example.gov.uk';
    const unsubscribe = await UnsubscribePage.open(tab.page, unsubscribeUrl(e.web, createUnsubscribeToken(await loadLinkSecret(), email)));
    expect(await unsubscribe.accessibilityViolations()).toEqual([]);
    const unsubscribed = await unsubscribe.unsubscribe();
    expect(await isSuppressed(email)).toBe(true);
    expect(await unsubscribed.accessibilityViolations()).toEqual([]);
    await unsubscribed.screenshot('unsubscribed');
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });
});
