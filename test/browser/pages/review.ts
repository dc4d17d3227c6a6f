/** The reviewer's page (from the link in their email): state and history, the drafts, the decision and comment forms. */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class ReviewPage extends Page {
  private readonly status: Locator;

  constructor(
    page: BrowserPage,
    private readonly targetName: string,
  ) {
    super(page);
    this.status = page.locator('#review-status');
  }

  protected expectedHeading(): string {
    return this.targetName;
  }

  static async open(page: BrowserPage, link: string, targetName: string): Promise<ReviewPage> {
    await page.goto(link);
    return ReviewPage.verifyOnPage(page, targetName);
  }

  /** "In review", "Out for a factual accuracy check", ... */
  async state(): Promise<string> {
    return (await this.status.locator('.govuk-summary-list__row').first().locator('dd').innerText()).trim();
  }

  draftReportText(): Promise<string> {
    return this.page.locator('.app-report-preview').innerText();
  }

  async draftBriefingText(): Promise<string> {
    return (await this.page.locator('#draft-briefing ~ .govuk-summary-list').first().innerText()).trim();
  }

  /** The green banner after a decision is saved. */
  async done(): Promise<string> {
    return (await this.page.locator('#done').innerText()).trim();
  }

  async returnWithComments(comments: string): Promise<void> {
    await this.page.getByLabel('Return to the inspector with comments').check();
    await this.page.getByLabel('Comments for the inspector (if you return them)').fill(comments);
    await this.page.getByRole('button', { name: 'Save decision' }).click();
    await this.page.locator('#done').waitFor();
  }

  async approve(): Promise<void> {
    await this.page.getByLabel('Approve: send the draft for a factual accuracy check').check();
    await this.page.getByRole('button', { name: 'Save decision' }).click();
    await this.page.locator('#done').waitFor();
  }

  /** The factual accuracy comments, with their answers. */
  comments(): Promise<string> {
    return this.page
      .locator('.govuk-summary-card')
      .allInnerTexts()
      .then((t) => t.join('\n'));
  }

  /** The first unanswered factual accuracy comment, answered. */
  async answerComment(a: { accepted: boolean; reason: string; correctedText?: string }): Promise<void> {
    const card = this.page.locator('.govuk-summary-card:has(form)').first();
    await card.getByLabel(a.accepted ? 'Accepted' : 'Not accepted', { exact: true }).check();
    await card.getByLabel('Reason (recorded in the history)').fill(a.reason);
    if (a.correctedText !== undefined) await card.getByRole('textbox', { name: /^Corrected text of/ }).fill(a.correctedText);
    await card.getByRole('button', { name: 'Save answer' }).click();
    await this.page.locator('#done').waitFor();
  }
}
