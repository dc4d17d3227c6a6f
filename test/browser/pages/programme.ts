/**
 * Page objects for the visit programme's pages (stored in the reports bucket, opened through the
 * local viewer): the summary, a region's pages and the transparency record. Each holds its
 * selectors; tests read as what a planner does and sees.
 */
import type { Locator, Page } from 'playwright-core';

export class ProgrammeSummaryPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<ProgrammeSummaryPage> {
    const res = await page.goto(url);
    if (res?.status() !== 200) throw new Error(`The programme summary answered ${res?.status()} at ${url}`);
    return new ProgrammeSummaryPage(page);
  }

  heading(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  asOf(): Promise<string> {
    return this.page.locator('#as-of').innerText();
  }

  downloads(): Locator {
    return this.page.locator('#downloads + ul a');
  }

  /** Headings in the order they appear on the page. */
  sectionHeadings(): Promise<string[]> {
    return this.page.locator('main h2').allInnerTexts();
  }

  triageRows(): Locator {
    return this.page.locator('[aria-label="Triage records"] tbody tr');
  }

  changeSummaries(): Promise<string[]> {
    return this.page.locator('[id^="changes-"] .govuk-details__summary-text').allInnerTexts();
  }

  capacityTables(): Locator {
    return this.page.locator('[aria-label$=": capacity by region"] table');
  }

  async openRegion(region: string): Promise<RegionPage> {
    await this.page.locator('#regions ~ ul a', { hasText: region }).first().click();
    return new RegionPage(this.page);
  }

  async openTransparencyRecord(): Promise<TransparencyPage> {
    await this.page.locator('a', { hasText: 'algorithmic transparency record' }).click();
    return new TransparencyPage(this.page);
  }
}

export class RegionPage {
  constructor(readonly page: Page) {}

  heading(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  plannedVisits(): Locator {
    return this.page.locator('table:has(th:text("Visit and why")) tbody tr');
  }

  async reasonsOfFirstVisit(): Promise<string[]> {
    return this.plannedVisits().first().locator('.app-reasons li').allInnerTexts();
  }

  pagination(): Locator {
    return this.page.locator('nav.govuk-pagination').first();
  }

  async nextPage(): Promise<RegionPage> {
    await this.pagination().locator('.govuk-pagination__next a').click();
    return this;
  }

  currentPageNumber(): Promise<string> {
    return this.pagination().locator('.govuk-pagination__item--current').innerText();
  }

  async backToSummary(): Promise<ProgrammeSummaryPage> {
    await this.page.locator('.govuk-back-link').click();
    return new ProgrammeSummaryPage(this.page);
  }
}

export class TransparencyPage {
  constructor(readonly page: Page) {}

  heading(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  /** The row labels of one part of the policy (its caption). */
  policyRows(caption: string): Promise<string[]> {
    return this.page.locator(`table:has(caption:text-is("${caption}")) tbody th`).allInnerTexts();
  }
}

/** True when the page fits the window's width: nothing makes it scroll sideways. */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
