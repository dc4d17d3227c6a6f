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
}
