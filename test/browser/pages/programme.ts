/**
 * The visit programme's pages (stored in the reports bucket, opened through the local bucket
 * viewer): the summary a planner opens first, a region's pages, and the transparency record
 * (transparency-record.ts). Each class holds its page's selectors.
 */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { Page } from './page';
import { TransparencyRecordPage } from './transparency-record';

export class ProgrammeSummaryPage extends Page {
  protected expectedHeading(): string {
    return 'Visit programme';
  }

  static async open(page: BrowserPage, url: string): Promise<ProgrammeSummaryPage> {
    const res = await page.goto(url);
    if (res?.status() !== 200) throw new Error(`The programme summary answered ${res?.status()} at ${url}`);
    return ProgrammeSummaryPage.verifyOnPage(page);
  }

  async asOf(): Promise<string> {
    return (await this.page.locator('#as-of').innerText()).trim();
  }

  downloads(): Promise<string[]> {
    return this.page.locator('#downloads + ul a').allInnerTexts();
  }

  /** The section headings, in the order they come. */
  sections(): Promise<string[]> {
    return this.page.locator('main h2').allInnerTexts();
  }

  /** The triage table's row for one provider or LA. */
  triageRecordFor(name: string): Locator {
    return this.page.locator('[aria-label="Triage records"] tbody tr').filter({ hasText: name });
  }

  changeCounts(): Promise<string[]> {
    return this.page.locator('[id^="changes-"] .govuk-details__summary-text').allInnerTexts();
  }

  capacityTables(): Locator {
    return this.page.locator('[aria-label$=": capacity by region"] table');
  }

  async openRegion(region: string): Promise<RegionPage> {
    await this.page.locator('#regions + ul a', { hasText: region }).click();
    return RegionPage.verifyOnPage(this.page, region);
  }

  async openTransparencyRecord(): Promise<TransparencyRecordPage> {
    await this.page.getByRole('link', { name: 'How priorities are set (algorithmic transparency record)' }).click();
    return TransparencyRecordPage.verifyOnPage(this.page);
  }
}

export class RegionPage extends Page {
  private readonly visits: Locator;

  constructor(
    page: BrowserPage,
    private readonly region: string,
  ) {
    super(page);
    this.visits = page.locator('table:has(th:text("Visit and why")) tbody tr');
  }

  protected expectedHeading(): string {
    return this.region;
  }

  plannedVisitCount(): Promise<number> {
    return this.visits.count();
  }

  reasonsOfFirstVisit(): Promise<string[]> {
    return this.visits.first().locator('.app-reasons li').allInnerTexts();
  }

  async currentPage(): Promise<string> {
    return (await this.page.locator('nav.govuk-pagination').first().locator('.govuk-pagination__item--current').innerText()).trim();
  }

  async nextPage(): Promise<RegionPage> {
    await this.page.locator('nav.govuk-pagination').first().locator('.govuk-pagination__next a').click();
    return RegionPage.verifyOnPage(this.page, this.region);
  }

  async backToSummary(): Promise<ProgrammeSummaryPage> {
    await this.page.locator('.govuk-back-link').click();
    return ProgrammeSummaryPage.verifyOnPage(this.page);
  }
}

/** True when the page fits the window's width: nothing makes it scroll sideways. */
export function fitsWidth(page: BrowserPage): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
