/**
 * A visit's findings from the inspector's form to publication, in headless Chromium, as the people
 * involved do it, each from the link in their email: the inspector checks their answers (the
 * public report as it will read) and sends; Back says "already submitted"; the reviewer returns the
 * findings with comments; the inspector sees them and sends again; the reviewer approves; the
 * home's manager comments on the DRAFT; the reviewer accepts it with corrected text; the report is
 * published on its date. axe-core on every page; screenshots in test-artifacts/.
 */
import { randomUUID } from 'node:crypto';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { getPublication } from '../../shared/aws/publication-store';
import { publicReportKey } from '../../shared/object-keys';
import { inspectorLink } from '../support/links';
import { openTab, launchChromium } from '../support/browser';
import { settle, useLocalCloud } from '../support/cloud';
import { putContact, putProvider, putVisit } from '../support/fixtures';
import { closeWindowAndPublish } from '../support/publication';
import { waitForEmail } from '../support/submit';
import { FactualAccuracyPage } from './pages/factual-accuracy';
import { FindingsFormPage, type FindingsAnswers } from './pages/findings-form';
import { FindingsLockedPage } from './pages/findings-locked';
import { ReportPage } from './pages/report';
import { ReviewPage } from './pages/review';

let e: Endpoints;
let browser: Browser;

beforeAll(async () => {
  e = useLocalCloud();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const linkIn = async (to: string, subject: RegExp, label: string) => {
  const m = await waitForEmail(e.ses, (x) => x.destination.to.some((t) => t.includes(to)) && subject.test(x.subject));
  return new RegExp(`${label}:\\n(http\\S+)`).exec(m.body.text ?? '')![1]!;
};

describe('publication in the browser', () => {
  it("takes a visit from the inspector's form through review and factual accuracy to publication", async () => {
    const tag = randomUUID().slice(0, 5);
    const home = `Willowbank House ${tag}`;
    const provider = await putProvider({ name: home, address: { line1: `3 Quiet Close ${tag}`, town: 'Hidden Vale', postcode: 'QV1 1AA', redacted: false } });
    const visit = await putVisit({ target: provider.urn, targetName: home, provisionType: "Children's home" });
    const manager = await putContact({ urn: provider.urn }, { name: 'Morgan Manager' });
    const tab = await openTab(browser);
    const { page } = tab;
    const answers: FindingsAnswers = {
      firstDay: ['8', '9', '2020'],
      lastDay: ['9', '9', '2020'],
      method: 'On site',
      childrensExperiences: `Children at ${home} told us they feel listened to.`,
      pandemicDecisions: 'Managers recorded each decision about family contact and why it was made.',
      goingWell: ['Warm relationships with staff', 'Good school attendance'],
      needsToImprove: ['Risk assessments are not updated after incidents'],
      requirements: [{ text: 'Update each risk assessment within 24 hours of an incident', regulation: 'Regulation 12', due: ['30', '10', '2020'] }],
      recommendations: ['Record children’s views in every plan'],
      seriousConcerns: true,
      concerns: { description: `Night staffing fell below the plan ${tag}`, enforcementConsidered: 'Compliance notice' },
      notesForCommissioners: `Two places free from October ${tag}`,
    };
    const publicTitle = `Children's home (URN ${provider.urn})`;

    // The inspector: each question says who reads the answer.
    await page.goto(await inspectorLink(e.web, visit));
    const form = await FindingsFormPage.verifyOnPage(page, home);
    expect(await form.hintOf('requirements')).toContain('Published in the public report.');
    expect(await form.hintOf('notesForCommissioners')).toContain('Restricted: commissioners only. Never published.');
    expect(await form.hintOf('seriousConcerns')).toContain('Restricted: commissioners only.');
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.fillIn(answers);
    const check = await form.continueToCheck(tab);
    const preview = await check.reportText();
    expect(preview).toContain('Children at [removed] told us they feel listened to.');
    expect(preview).toContain('Update each risk assessment within 24 hours of an incident');
    expect(preview).not.toContain(home);
    expect(preview).not.toContain(`Night staffing fell below the plan ${tag}`);
    expect(await check.restrictedText()).toContain(`Night staffing fell below the plan ${tag}`);
    expect(await check.restrictedText()).toContain(`Two places free from October ${tag}`);
    expect(await check.accessibilityViolations()).toEqual([]);
    await check.screenshot('check-your-answers');
    const status = await check.send(tab);
    await status.waitFor('accepted');
    expect(await status.panelTitle()).toBe('Findings sent for review');
    await settle(e);

    // Back: the form is not offered again; the page says the findings were already sent.
    await page.goBack();
    await page.waitForLoadState('load');
    const locked = await FindingsLockedPage.verifyOnPage(page);
    expect(await locked.heading()).toBe('You have already submitted findings for this visit');
    expect(await locked.offersNoForm()).toBe(true);
    expect(await locked.accessibilityViolations()).toEqual([]);
    await locked.screenshot('findings-already-submitted');

    // The reviewer, from their email: the drafts, then a return with comments.
    const reviewer = (await getPublication(visit.visitId))!.reviewer!;
    const reviewLink = await linkIn(reviewer, new RegExp(`^Findings to review: ${home}`), 'Review the findings');
    const review = await ReviewPage.open(page, reviewLink, home);
    expect(await review.state()).toBe('In review');
    expect(await review.draftReportText()).not.toContain(home);
    expect(await review.draftBriefingText()).toContain(`Night staffing fell below the plan ${tag}`);
    expect(await review.accessibilityViolations()).toEqual([]);
    await review.screenshot('review-page');
    await review.returnWithComments('Say which records you read for the risk assessments.');
    expect(await review.done()).toContain('Returned to the inspector');

    // The inspector, from the "returned" email: the comments and their answers; a change; sent again.
    await settle(e);
    await page.goto(await linkIn(visit.inspector!, new RegExp(`^Findings returned: ${home}`), 'Open the findings form'));
    const again = await FindingsFormPage.verifyOnPage(page, home);
    expect(await again.returnComments()).toContain('Say which records you read for the risk assessments.');
    expect(await again.answer('goingWell')).toBe('Warm relationships with staff\nGood school attendance');
    expect(await again.accessibilityViolations()).toEqual([]);
    await again.screenshot('findings-returned');
    await again.replace('What needs to improve', 'Risk assessments (we read all six) are not updated after incidents');
    await (await again.submit(tab)).waitFor('accepted');
    await settle(e);

    // The reviewer approves; the draft goes to the home's manager.
    const review2 = await ReviewPage.open(page, reviewLink, home);
    await review2.approve();
    expect(await review2.done()).toContain('Approved');
    await settle(e);

    // The manager, from their email: the DRAFT (never indexed), and a comment on one section.
    const faLink = await linkIn(manager.email, /^Draft report to check for factual accuracy/, 'Check the draft report');
    const fa = await FactualAccuracyPage.open(page, faLink, `Visit to ${publicTitle}`);
    expect(await fa.marking()).toBe('DRAFT: not published');
    expect(await fa.robots()).toBe('noindex, nofollow');
    expect(await fa.draftText()).not.toContain(`Two places free from October ${tag}`);
    expect(await fa.accessibilityViolations()).toEqual([]);
    await fa.screenshot('factual-accuracy-page');
    await fa.commentOn('What is going well', 'School attendance is good for three of the four children, not all.');
    expect(await fa.confirmation()).toContain('We have your comments');
    expect(await fa.accessibilityViolations()).toEqual([]);
    await settle(e);

    // The reviewer accepts it with corrected text.
    const review3 = await ReviewPage.open(page, reviewLink, home);
    expect(await review3.comments()).toContain('School attendance is good for three of the four children, not all.');
    await review3.screenshot('review-factual-accuracy-comment');
    await review3.answerComment({
      accepted: true,
      reason: 'Correct: one child is home-schooled.',
      correctedText: 'Warm relationships with staff\nGood school attendance for three of the four children',
    });
    expect(await review3.done()).toContain('Your answer to the comment is recorded');
    expect(await review3.accessibilityViolations()).toEqual([]);

    // The window closes on its own and the report is published on its date.
    await closeWindowAndPublish(e, visit.visitId);
    const published = await ReportPage.open(page, `${e.web}/${publicReportKey(visit, 'html')}`, publicTitle);
    const text = await published.text();
    expect(text).toContain('Good school attendance for three of the four children');
    for (const hidden of [
      home,
      `Quiet Close ${tag}`,
      'Hidden Vale',
      'QV1 1AA',
      `Night staffing fell below the plan ${tag}`,
      `Two places free from October ${tag}`,
    ])
      expect(text).not.toContain(hidden);
    expect(await published.accessibilityViolations()).toEqual([]);
    await published.screenshot('published-report');
    // The inspector's link now shows the report is published.
    await page.goto(await inspectorLink(e.web, visit));
    expect(await (await FindingsLockedPage.verifyOnPage(page)).heading()).toBe('Findings published');
    expect(tab.errors).toEqual([]);
    await page.close();
  });
});
