/** After sending (GET /visits/{id}/submissions/{id}): received, then sent for review, a repeat, or not accepted. */
import { BasePage } from './base-page';

export class SubmissionStatusPage extends BasePage {
  async waitFor(state: 'accepted' | 'repeat' | 'rejected'): Promise<void> {
    await this.page.locator(`#submission-state[data-state="${state}"]`).waitFor({ timeout: 20_000 });
  }

  async panelTitle(): Promise<string> {
    return (await this.page.locator('.govuk-panel__title').innerText()).trim();
  }
}
