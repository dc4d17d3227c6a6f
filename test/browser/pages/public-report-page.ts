/** A published report at its stable public address (/reports/{la}/{urn}/{visitId}/report.html). */
import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export class PublicReportPage extends BasePage {
  static async open(page: Page, url: string): Promise<PublicReportPage> {
    await page.goto(url);
    return new PublicReportPage(page);
  }

  text(): Promise<string> {
    return this.page.locator('main').innerText();
  }
}
