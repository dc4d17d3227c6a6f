/** The visit programme report planners read: planned visits with their reasons, and the capacity chart. */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { Page } from './page';
import { TransparencyRecordPage } from './transparency-record';

/** Column of the planned visits table that lists the reasons for each visit. */
const REASONS_COLUMN = 4;

export class ProgrammeReportPage extends Page {
  private readonly plannedRows: Locator;

  constructor(page: BrowserPage) {
    super(page);
    this.plannedRows = page.locator('table').first().locator('tbody tr');
  }

  protected expectedHeading(): string {
    return 'Visit programme';
  }

  /** The current programme, as the local cloud's bucket viewer serves it. */
  static async open(page: BrowserPage, webUrl: string): Promise<{ status: number | undefined; programme: ProgrammeReportPage }> {
    const res = await page.goto(`${webUrl}/local/reports-bucket/programme/current/index.html`);
    return { status: res?.status(), programme: await ProgrammeReportPage.verifyOnPage(page) };
  }

  plannedVisitCount(): Promise<number> {
    return this.plannedRows.count();
  }

  /** The reasons listed for one planned visit (0 is the first row). */
  reasonsForVisit(row: number): Promise<string[]> {
    return this.plannedRows.nth(row).locator('td').nth(REASONS_COLUMN).locator('li').allInnerTexts();
  }

  async chartTitle(): Promise<string> {
    return (await this.page.locator('#chart-title').textContent()) ?? '';
  }

  /** Bars drawn in the capacity chart. */
  chartBars(): Promise<number> {
    return this.page.locator('svg[role="img"] rect').count();
  }

  async openTransparencyRecord(): Promise<TransparencyRecordPage> {
    await this.page.getByRole('link', { name: 'algorithmic transparency record' }).click();
    return TransparencyRecordPage.verifyOnPage(this.page);
  }
}
