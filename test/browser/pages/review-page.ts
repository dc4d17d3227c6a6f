/** The reviewer's page (GET/POST /review/{id}): state and history, the drafts, the decision and comment forms. */
import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export class ReviewPage extends BasePage {
  static async open(page: Page, link: string): Promise<ReviewPage> {
    await page.goto(link);
    await page.locator('#review-status').waitFor();
    return new ReviewPage(page);
  }

  async status(): Promise<string> {
    return (await this.page.locator('#review-status .govuk-summary-list__row').first().locator('dd').innerText()).trim();
  }

  draftReportText(): Promise<string> {
    return this.page.locator('.app-report-preview').innerText();
  }

  async draftBriefingText(): Promise<string> {
    return (await this.page.locator('#draft-briefing ~ .govuk-summary-list').first().innerText()).trim();
  }

  async done(): Promise<string> {
    return (await this.page.locator('#done').innerText()).trim();
  }

  async returnWithComments(comments: string): Promise<void> {
    await this.page.check('#decision-2');
    await this.page.fill('#returnComments', comments);
    await this.page.click('#save-decision');
    await this.page.locator('#done').waitFor();
  }

  async approve(): Promise<void> {
    await this.page.check('#decision');
    await this.page.click('#save-decision');
    await this.page.locator('#done').waitFor();
  }

  /** The first unanswered factual accuracy comment, answered. */
  async answerComment(a: { accepted: boolean; reason: string; correctedText?: string }): Promise<void> {
    const card = this.page.locator('.govuk-summary-card:has(form)').first();
    await card.locator(`input[value="${a.accepted ? 'yes' : 'no'}"]`).check();
    await card.locator('textarea[name^="reason-"]').fill(a.reason);
    if (a.correctedText !== undefined) await card.locator('textarea[name^="text-"]').fill(a.correctedText);
    await card.locator('button').click();
    await this.page.locator('#done').waitFor();
  }

  async commentsText(): Promise<string> {
    return this.page.locator('#comments ~ .govuk-summary-card').allInnerTexts().then((t) => t.join('\n'));
  }
}
