/** Where the findings form goes after the upload: received, checking, then sent for review (or a repeat), or not accepted. */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export type SubmissionState = 'waiting' | 'received' | 'accepted' | 'repeat' | 'rejected';

export class SubmissionStatusPage extends Page {
  private readonly state: Locator;

  constructor(page: BrowserPage) {
    super(page);
    this.state = page.locator('#submission-state');
  }

  protected expectedHeading(): RegExp {
    return /^(Waiting for your findings|Findings received|Findings sent for review|Findings already sent|Findings not accepted)$/;
  }

  /** The page refreshes itself until the findings are checked; wait for that outcome. */
  async waitFor(state: SubmissionState, timeoutMs = 20_000): Promise<void> {
    await this.page.locator(`#submission-state[data-state="${state}"]`).waitFor({ timeout: timeoutMs });
  }

  /** The confirmation panel's title ("Findings sent for review"). */
  async panelTitle(): Promise<string> {
    return (await this.page.locator('.govuk-panel__title').innerText()).trim();
  }

  currentState(): Promise<string | null> {
    return this.state.getAttribute('data-state');
  }
}
