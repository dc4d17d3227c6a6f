/** The inspector's link once the findings are sent: where they are, read-only (what Back after sending shows). */
import { Page } from './page';

export class FindingsLockedPage extends Page {
  protected expectedHeading(): RegExp {
    return /^(You have already submitted findings for this visit|Findings published|Report withdrawn)$/;
  }

  /** True when no upload form is offered. */
  async offersNoForm(): Promise<boolean> {
    return (await this.page.locator('form#findings-form').count()) === 0;
  }
}
