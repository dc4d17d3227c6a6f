/** A published visit report (public: no grade, nothing restricted). */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class ReportPage extends Page {
  constructor(
    page: BrowserPage,
    private readonly targetName: string,
  ) {
    super(page);
  }

  protected expectedHeading(): string {
    return `Visit to ${this.targetName}`;
  }

  static async open(page: BrowserPage, url: string, targetName: string): Promise<ReportPage> {
    await page.goto(url);
    return ReportPage.verifyOnPage(page, targetName);
  }

  /** What the report says. */
  text(): Promise<string> {
    return this.page.locator('main').innerText();
  }
}
