/** The public list of published visit reports, with its search box. */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { Page } from './page';
import { ReportPage } from './report';

export class ReportsIndexPage extends Page {
  private readonly visibleResults: Locator;

  constructor(page: BrowserPage) {
    super(page);
    this.visibleResults = page.locator('[data-search]:visible');
  }

  protected expectedHeading(): string {
    return 'Published visit reports';
  }

  static async open(page: BrowserPage, webUrl: string): Promise<ReportsIndexPage> {
    await page.goto(`${webUrl}/reports/index.html`);
    return ReportsIndexPage.verifyOnPage(page);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search by name, URN or local authority').fill(text);
  }

  /** The reports still shown (after a search), as the text of each entry. */
  results(): Promise<string[]> {
    return this.visibleResults.allInnerTexts();
  }

  /** Open the first report still shown. */
  async openFirstResult(targetName: string): Promise<ReportPage> {
    await this.visibleResults.first().locator('a.govuk-link').first().click();
    return ReportPage.verifyOnPage(this.page, targetName);
  }
}
