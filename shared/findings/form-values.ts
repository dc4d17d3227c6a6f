/**
 * The findings form's fields filled in from a stored version (when the reviewer returned the
 * findings, the inspector starts from their last answers). Pure: strings as the form shows them.
 */
import type { Findings } from './schema';

interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

export interface RequirementRow {
  readonly text: string;
  readonly regulation: string;
  readonly due: DateParts;
}

export interface FormValues {
  readonly visitStartDate: DateParts;
  readonly visitEndDate: DateParts;
  readonly method?: string;
  readonly childrensExperiences: string;
  readonly pandemicDecisions: string;
  readonly schoolsJoinedUp: string;
  readonly goingWell: string;
  readonly needsToImprove: string;
  readonly requirements: readonly RequirementRow[];
  readonly recommendations: string;
  readonly seriousConcerns?: 'yes' | 'no';
  readonly seriousConcernsDescription: string;
  readonly enforcementAction?: string;
  readonly notesForCommissioners: string;
}

/** Requirement rows shown: the ones given and two empty ones, at least three, at most 30. */
export const requirementRowsFor = (given: number): number => Math.min(30, Math.max(3, given + 2));

const noDate: DateParts = { day: '', month: '', year: '' };
const parts = (iso: string | undefined): DateParts =>
  iso ? { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) } : noDate;
const emptyRow: RequirementRow = { text: '', regulation: '', due: noDate };

export function formValues(f: Findings | undefined): FormValues {
  const given = (f?.requirements ?? []).map((r) => ({ text: r.text, regulation: r.regulation ?? '', due: parts(r.dueDate) }));
  return {
    visitStartDate: parts(f?.visitStartDate),
    visitEndDate: parts(f?.visitEndDate),
    method: f?.method,
    childrensExperiences: f?.childrensExperiences ?? '',
    pandemicDecisions: f?.pandemicDecisions ?? '',
    schoolsJoinedUp: f?.schoolsJoinedUp ?? '',
    goingWell: (f?.goingWell ?? []).join('\n'),
    needsToImprove: (f?.needsToImprove ?? []).join('\n'),
    requirements: [...given, ...Array.from({ length: requirementRowsFor(given.length) - given.length }, () => emptyRow)],
    recommendations: (f?.recommendations ?? []).join('\n'),
    seriousConcerns: f === undefined ? undefined : f.seriousConcerns ? 'yes' : 'no',
    seriousConcernsDescription: f?.seriousConcernsDescription ?? '',
    enforcementAction: f?.enforcementAction,
    notesForCommissioners: f?.notesForCommissioners ?? '',
  };
}
