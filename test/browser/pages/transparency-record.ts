/** The algorithmic transparency record for the prioritisation. */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class TransparencyRecordPage extends Page {
  constructor(page: BrowserPage) {
    super(page);
  }

  protected expectedHeading(): RegExp {
    return /^Visit prioritisation for children/;
  }
}
