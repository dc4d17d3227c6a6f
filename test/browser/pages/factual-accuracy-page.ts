/** The provider's or LA's factual accuracy page (GET/POST /factual-accuracy/{id}): the DRAFT report and comments per section. */
import type { Page } from 'playwright-core';
import { BasePage } from './base-page';

export class FactualAccuracyPage extends BasePage {
  static async open(page: Page, link: string): Promise<FactualAccuracyPage> {
    await page.goto(link);
    await page.locator('#draft-marking').waitFor();
    return new FactualAccuracyPage(page);
  }

  async marking(): Promise<string> {
    return (await this.page.locator('#draft-marking').innerText()).trim();
  }

  draftText(): Promise<string> {
    return this.page.locator('.app-report-preview').innerText();
  }

  async robots(): Promise<string | null> {
    return this.page.locator('meta[name="robots"]').getAttribute('content');
  }

  async commentOn(sectionId: string, text: string): Promise<void> {
    await this.page.check('#hasComments');
    await this.page.fill(`#section-${sectionId}`, text);
    await this.page.click('#send-comments');
    await this.page.locator('.govuk-panel__title').waitFor();
  }

  async confirmation(): Promise<string> {
    return (await this.page.locator('.govuk-panel').innerText()).trim();
  }
}
