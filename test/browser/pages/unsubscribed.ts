/** The confirmation after unsubscribing. */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class UnsubscribedPage extends Page {
  constructor(page: BrowserPage) {
    super(page);
  }

  protected expectedHeading(): string {
    return 'You have been unsubscribed';
  }
}
