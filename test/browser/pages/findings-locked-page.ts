/** The inspector's link once findings are sent: where they are, read-only (what Back after sending shows). */
import { BasePage } from './base-page';

export class FindingsLockedPage extends BasePage {
  async isShown(): Promise<boolean> {
    return (await this.page.locator('#findings-locked').count()) === 1 && (await this.page.locator('#findings-form').count()) === 0;
  }
}
