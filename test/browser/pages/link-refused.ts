/** The 403 page a visit link that is tampered with, expired or revoked opens. */
import type { Page as BrowserPage } from 'playwright-core';
import { Page } from './page';

export class LinkRefusedPage extends Page {
  constructor(page: BrowserPage) {
    super(page);
  }

  protected expectedHeading(): string {
    return 'You cannot use this link';
  }

  /** Whether the page holds a findings upload form (it must not). */
  async hasUploadForm(): Promise<boolean> {
    return (await this.page.locator('form#findings-form').count()) > 0;
  }

  /** Whether the page's source carries an S3 upload signature (it must not). */
  async carriesUploadSignature(): Promise<boolean> {
    return (await this.page.content()).includes('X-Amz-Signature');
  }
}
