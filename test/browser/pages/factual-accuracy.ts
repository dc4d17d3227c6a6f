/** The provider's or LA's factual accuracy page (from the link in their email): the DRAFT report and comments per section. */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class FactualAccuracyPage extends Page {
  constructor(
    page: BrowserPage,
    private readonly reportTitle: string,
  ) {
    super(page);
  }

  protected expectedHeading(): string {
    return this.reportTitle;
  }

  static async open(page: BrowserPage, link: string, reportTitle: string): Promise<FactualAccuracyPage> {
    await page.goto(link);
    return FactualAccuracyPage.verifyOnPage(page, reportTitle);
  }

  async marking(): Promise<string> {
    return (await this.page.locator('#draft-marking').innerText()).trim();
  }

  draftText(): Promise<string> {
    return this.page.locator('.app-report-preview').innerText();
  }

  /** The page's robots meta: a draft is never indexed. */
  robots(): Promise<string | null> {
    return this.page.locator('meta[name="robots"]').getAttribute('content');
  }

  async commentOn(section: string, text: string): Promise<void> {
    await this.page.getByLabel('Yes, my comments are below').check();
    await this.page.getByRole('textbox', { name: section, exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Send' }).click();
    await this.page.locator('.govuk-panel').waitFor();
  }

  async confirmation(): Promise<string> {
    return (await this.page.locator('.govuk-panel').innerText()).trim();
  }
}
