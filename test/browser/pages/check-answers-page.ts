/** The findings form's "Check your answers" step: the public report as it will read, the restricted answers apart. */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import type { Tab } from '../../support/browser';
import { Page } from './page';
import { SubmissionStatusPage } from './submission-status';

export class CheckAnswersPage extends Page {
  private readonly step: Locator;

  constructor(page: BrowserPage) {
    super(page);
    this.step = page.locator('#check-step');
  }

  protected expectedHeading(): string {
    return 'Check your answers before sending';
  }

  /** The form and this step are one page: the heading that shows is this step's. */
  override async heading(): Promise<string> {
    return (await this.step.locator('h1').innerText()).trim();
  }

  /** The public report as it will read. */
  reportText(): Promise<string> {
    return this.page.locator('#check-report').innerText();
  }

  /** The answers only commissioners will read (in the briefing). */
  restrictedText(): Promise<string> {
    return this.page.locator('#check-restricted').innerText();
  }

  /** Send, and wait for the submission status page. */
  async send(tab: Tab): Promise<SubmissionStatusPage> {
    await this.step.getByRole('button', { name: 'Send findings for review' }).click();
    await this.page.waitForURL(/\/submissions\//).catch((err: unknown) => {
      throw new Error(`the upload did not finish: browser errors: ${tab.errors.join(' | ') || 'none'}`, { cause: err });
    });
    return SubmissionStatusPage.verifyOnPage(this.page);
  }
}
