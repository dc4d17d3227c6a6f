/** The inspector's findings form (GET /visits/{id}/findings): the questions, then "Continue" to check the answers. */
import type { Page } from 'playwright-core';
import { BasePage } from './base-page';
import { CheckAnswersPage } from './check-answers-page';

export interface FindingsAnswers {
  readonly start: [number, number, number];
  readonly end: [number, number, number];
  readonly experiences: string;
  readonly pandemic: string;
  readonly goingWell: string[];
  readonly needsToImprove?: string[];
  readonly requirements?: { text: string; regulation?: string; due: [number, number, number] }[];
  readonly recommendations?: string[];
  readonly seriousConcerns?: { description: string; enforcementConsidered: string };
  readonly notesForCommissioners?: string;
}

export class FindingsFormPage extends BasePage {
  static async open(page: Page, link: string): Promise<FindingsFormPage> {
    await page.goto(link);
    await page.locator('#findings-form').waitFor();
    return new FindingsFormPage(page);
  }

  /** The hint under a question: it says whether the answer is published or restricted. */
  async hintOf(field: string): Promise<string> {
    return (await this.page.locator(`#${field}-hint`).innerText()).trim();
  }

  async returnComments(): Promise<string> {
    return (await this.page.locator('#return-comments').innerText()).trim();
  }

  async answer(field: string): Promise<string> {
    return this.page.locator(`#${field}`).inputValue();
  }

  private async date(prefix: string, [d, m, y]: [number, number, number]): Promise<void> {
    await this.page.fill(`#${prefix}-day`, String(d));
    await this.page.fill(`#${prefix}-month`, String(m));
    await this.page.fill(`#${prefix}-year`, String(y));
  }

  async fill(a: FindingsAnswers): Promise<void> {
    await this.date('visitStartDate', a.start);
    await this.date('visitEndDate', a.end);
    await this.page.check('#method');
    await this.page.fill('#childrensExperiences', a.experiences);
    await this.page.fill('#pandemicDecisions', a.pandemic);
    await this.page.fill('#goingWell', a.goingWell.join('\n'));
    await this.page.fill('#needsToImprove', (a.needsToImprove ?? []).join('\n'));
    for (const [i, r] of (a.requirements ?? []).entries()) {
      await this.page.fill(`#requirements-${i}-text`, r.text);
      await this.page.fill(`#requirements-${i}-regulation`, r.regulation ?? '');
      await this.date(`requirements-${i}-dueDate`, r.due);
    }
    await this.page.fill('#recommendations', (a.recommendations ?? []).join('\n'));
    if (a.seriousConcerns) {
      await this.page.check('#seriousConcerns');
      await this.page.fill('#seriousConcernsDescription', a.seriousConcerns.description);
      await this.page.check(`input[name="enforcementAction"][value="${a.seriousConcerns.enforcementConsidered}"]`);
    } else {
      await this.page.check('#seriousConcerns-2');
    }
    await this.page.fill('#notesForCommissioners', a.notesForCommissioners ?? '');
  }

  async replace(field: string, text: string): Promise<void> {
    await this.page.fill(`#${field}`, text);
  }

  async continue(): Promise<CheckAnswersPage> {
    await this.page.click('#submit-findings');
    await this.page.locator('#check-step:not([hidden]), .govuk-error-summary').first().waitFor();
    if (await this.page.locator('.govuk-error-summary').count()) throw new Error(`The form refused the answers: ${await this.errorSummary()}`);
    return new CheckAnswersPage(this.page);
  }
}
