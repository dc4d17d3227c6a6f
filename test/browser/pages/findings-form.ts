/** The inspector's findings form (the page a signed visit link opens). */
import type { Locator, Page as BrowserPage } from 'playwright-core';
import type { Tab } from '../../support/browser';
import { CheckAnswersPage } from './check-answers-page';
import { Page } from './page';
import type { SubmissionStatusPage } from './submission-status';

/** The answers an inspector gives, as they type them. Dates are [day, month, year]. */
export interface FindingsAnswers {
  readonly firstDay: readonly [string, string, string];
  readonly lastDay: readonly [string, string, string];
  readonly method: 'On site' | 'Remote' | 'Blended (on site and remote)';
  readonly childrensExperiences: string;
  readonly pandemicDecisions: string;
  readonly goingWell: readonly string[];
  readonly needsToImprove?: readonly string[];
  readonly seriousConcerns: boolean;
  readonly requirements?: readonly { text: string; regulation?: string; due: readonly [string, string, string] }[];
  readonly recommendations?: readonly string[];
  /** With serious concerns: the description and the enforcement action considered (its label). */
  readonly concerns?: { readonly description: string; readonly enforcementConsidered: string };
  readonly notesForCommissioners?: string;
}

export class FindingsFormPage extends Page {
  private readonly form: Locator;
  private readonly errorSummaryBox: Locator;

  constructor(
    page: BrowserPage,
    private readonly targetName: string,
  ) {
    super(page);
    this.form = page.locator('form#findings-form');
    this.errorSummaryBox = page.locator('.govuk-error-summary');
  }

  protected expectedHeading(): string {
    return this.targetName;
  }

  /** The summary list at the top: provider or LA, URN, area, week... */
  visitDetails(): Promise<string> {
    return this.page.locator('.govuk-summary-list').innerText();
  }

  /** Form controls whose name or id mentions a grade (a visit is not graded: there should be none). */
  gradeControls(): Promise<number> {
    return this.form.locator('[name*="grade" i], [id*="grade" i]').count();
  }

  /** Every question the form asks: its labels and fieldset legends. */
  questions(): Promise<string[]> {
    return this.form.locator('label, legend').allInnerTexts();
  }

  async fillIn(answers: FindingsAnswers): Promise<void> {
    await this.fillDate('First day of the visit', answers.firstDay);
    await this.fillDate('Last day of the visit', answers.lastDay);
    await this.form.getByRole('group', { name: 'How was the visit done?' }).getByLabel(answers.method, { exact: true }).check();
    await this.form.getByLabel("Children's experiences and progress").fill(answers.childrensExperiences);
    await this.form.getByLabel('How decisions for children were made during the pandemic').fill(answers.pandemicDecisions);
    await this.form.getByLabel('What is going well').fill(answers.goingWell.join('\n'));
    if (answers.needsToImprove) await this.form.getByLabel('What needs to improve').fill(answers.needsToImprove.join('\n'));
    for (const [i, r] of (answers.requirements ?? []).entries()) {
      await this.form.getByLabel(`Requirement ${i + 1}: what must be done`).fill(r.text);
      await this.form.getByLabel(`Requirement ${i + 1}: regulation (if one applies)`).fill(r.regulation ?? '');
      await this.fillDate(`Requirement ${i + 1}: due by`, r.due);
    }
    if (answers.recommendations) await this.form.getByLabel('Recommendations (optional)').fill(answers.recommendations.join('\n'));
    await this.form
      .getByRole('group', { name: 'Are there serious concerns?' })
      .getByLabel(answers.seriousConcerns ? 'Yes' : 'No', { exact: true })
      .check();
    if (answers.concerns) {
      await this.form.getByLabel('Describe the serious concerns').fill(answers.concerns.description);
      await this.form.getByRole('group', { name: 'Enforcement action considered' }).getByLabel(answers.concerns.enforcementConsidered, { exact: true }).check();
    }
    if (answers.notesForCommissioners) await this.form.getByLabel('Notes for commissioners (optional)').fill(answers.notesForCommissioners);
  }

  /** The hint under a question: it ends by saying whether the answer is published or restricted. */
  async hintOf(fieldId: string): Promise<string> {
    return (await this.page.locator(`#${fieldId}-hint`).innerText()).trim();
  }

  /** The reviewer's comments, shown when the findings came back to the inspector. */
  async returnComments(): Promise<string> {
    return (await this.page.locator('#return-comments').innerText()).trim();
  }

  /** What a field holds (the last answers are filled in when findings are returned). */
  answer(fieldId: string): Promise<string> {
    return this.page.locator(`#${fieldId}`).inputValue();
  }

  async replace(label: string, text: string): Promise<void> {
    await this.form.getByLabel(label).fill(text);
  }

  private async fillDate(legend: string, [day, month, year]: readonly [string, string, string]): Promise<void> {
    const group = this.form.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  /** Submit, expecting the page to refuse it: resolves once the GOV.UK error summary shows. */
  async submitExpectingErrors(): Promise<void> {
    await this.submitButton().click();
    await this.errorSummaryBox.waitFor();
  }

  errorSummary(): Promise<string> {
    return this.errorSummaryBox.innerText();
  }

  /** True when keyboard focus is in the error summary (GOV.UK moves it there on a refused submit). */
  errorSummaryHasFocus(): Promise<boolean> {
    return this.page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null);
  }

  /** Follow the error summary's link to a field; resolves with the id of the element that then has focus. */
  async followErrorLinkTo(fieldId: string): Promise<string | undefined> {
    await this.errorSummaryBox.locator(`a[href="#${fieldId}"]`).click();
    return this.page.evaluate(() => document.activeElement?.id);
  }

  /** The message shown beside a field. */
  inlineError(fieldId: string): Promise<string> {
    return this.page.locator(`#${fieldId}-error`).innerText();
  }

  /**
   * Continue to "Check your answers" (the public report as it will read). When the form stays put,
   * fail with what it said (its error summary) and the browser errors, with a screenshot.
   */
  async continueToCheck(tab: Tab): Promise<CheckAnswersPage> {
    await this.submitButton().click();
    await this.page.locator('#check-step:not([hidden]), .govuk-error-summary').first().waitFor();
    if (await this.errorSummaryBox.count()) {
      await this.screenshot('findings-submit-failed');
      throw new Error(
        `the form refused the answers: ${(await this.errorSummaryBox.allInnerTexts()).join(' | ')}; browser errors: ${tab.errors.join(' | ') || 'none'}`,
      );
    }
    return CheckAnswersPage.verifyOnPage(this.page);
  }

  /** Continue, check the answers, and send: resolves on the submission status page. */
  async submit(tab: Tab): Promise<SubmissionStatusPage> {
    return (await this.continueToCheck(tab)).send(tab);
  }

  private submitButton(): Locator {
    return this.form.getByRole('button', { name: 'Continue' });
  }
}
