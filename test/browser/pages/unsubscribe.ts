/** The one-click unsubscribe page a commissioner's email links to. */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';
import { UnsubscribedPage } from './unsubscribed';

export class UnsubscribePage extends Page {
  constructor(page: BrowserPage) {
    super(page);
  }

  protected expectedHeading(): string {
    return 'Unsubscribe from visit report emails';
  }

  static async open(page: BrowserPage, link: string): Promise<UnsubscribePage> {
    await page.goto(link);
    return UnsubscribePage.verifyOnPage(page);
  }

  async unsubscribe(): Promise<UnsubscribedPage> {
    await this.page.getByRole('button', { name: 'Unsubscribe' }).click();
    return UnsubscribedPage.verifyOnPage(this.page);
  }
}
