/** What every page object can do: its heading, an accessibility check, a screenshot. */
import type { Page } from 'playwright-core';
import { axeViolations } from '../../support/browser';

export abstract class BasePage {
  constructor(readonly page: Page) {}

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().innerText()).trim();
  }

  accessibilityViolations(): Promise<string[]> {
    return axeViolations(this.page);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-artifacts/${name}.png`, fullPage: true });
  }

  async errorSummary(): Promise<string> {
    return (await this.page.locator('.govuk-error-summary').allInnerTexts()).join('\n');
  }
}
