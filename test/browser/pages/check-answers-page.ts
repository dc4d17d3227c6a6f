/** The "Check your answers" step of the findings form: the public report as it will read, the restricted answers apart. */
import { BasePage } from './base-page';
import { SubmissionStatusPage } from './submission-status-page';

export class CheckAnswersPage extends BasePage {
  override async heading(): Promise<string> {
    return (await this.page.locator('#check-heading').innerText()).trim();
  }

  /** The public report as it will read. */
  reportText(): Promise<string> {
    return this.page.locator('#check-report').innerText();
  }

  restrictedText(): Promise<string> {
    return this.page.locator('#check-restricted').innerText();
  }

  async send(): Promise<SubmissionStatusPage> {
    await this.page.click('#send-findings');
    await this.page.waitForURL(/\/submissions\//);
    return new SubmissionStatusPage(this.page);
  }
}
