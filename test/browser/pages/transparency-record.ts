/** The algorithmic transparency record for the prioritisation, generated from the policy in force. */
import { Page } from './page';

export class TransparencyRecordPage extends Page {
  protected expectedHeading(): RegExp {
    return /^Visit prioritisation for children/;
  }

  /** The row labels of one part of the policy, by its caption. */
  policyRows(caption: string): Promise<string[]> {
    return this.page.locator(`table:has(caption:text-is("${caption}")) tbody th`).allInnerTexts();
  }
}
