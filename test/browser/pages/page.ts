/**
 * The base of every page object (HMPPS `integration_tests/pages` style): one class per page holds
 * that page's selectors and the things a user does on it, so a test reads as the user's story.
 *
 *   const form = await FindingsFormPage.verifyOnPage(tab.page, visit.targetName);
 *   await form.fillIn(answers);
 *   const status = await form.submit();
 *
 * A subclass says which h1 proves the browser is on it (`expectedHeading`); `verifyOnPage` waits for
 * that heading and fails with what the page said instead. Keep selectors inside the page class.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page as BrowserPage } from 'playwright-core';
import { accessibilityViolations } from '../../support/browser';

export abstract class Page {
  readonly h1: Locator;

  constructor(readonly page: BrowserPage) {
    this.h1 = page.locator('h1').first();
  }

  /** The h1 a user sees when this page is shown (exact text, or a pattern). */
  protected abstract expectedHeading(): string | RegExp;

  /** Build the page object for the page the browser shows, and check it is that page. */
  static async verifyOnPage<P extends Page, A extends unknown[]>(this: new (page: BrowserPage, ...args: A) => P, page: BrowserPage, ...args: A): Promise<P> {
    const pageObject = new this(page, ...args);
    await pageObject.checkOnPage();
    return pageObject;
  }

  async checkOnPage(): Promise<void> {
    const expected = this.expectedHeading();
    const heading = await this.heading();
    const matches = typeof expected === 'string' ? heading === expected : expected.test(heading);
    if (!matches) throw new Error(`Expected the ${this.constructor.name} (h1 ${String(expected)}) but ${this.page.url()} shows h1 "${heading}"`);
  }

  /** The h1 as a user reads it. */
  async heading(): Promise<string> {
    return (await this.h1.innerText()).trim();
  }

  title(): Promise<string> {
    return this.page.title();
  }

  /** axe-core's WCAG 2.1 AA findings on the page as it is now (an empty list when there are none). */
  accessibilityViolations(): Promise<string[]> {
    return accessibilityViolations(this.page);
  }

  /** A screenshot in test-artifacts/<name>.png (look at it). */
  async screenshot(name: string, fullPage = true): Promise<void> {
    mkdirSync('test-artifacts', { recursive: true });
    await this.page.screenshot({ path: `test-artifacts/${name}.png`, fullPage });
  }
}
