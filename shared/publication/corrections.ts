/**
 * Correcting the findings when the reviewer accepts a factual accuracy comment: the section's text
 * as the reviewer edits it, and the next findings version with the correction made. Text sections
 * take the corrected text (lists one point a line); the visit section takes its dates, written as
 * the report shows them ("08/09/2020 to 10/09/2020"). Sections from data held elsewhere (provider
 * details, earlier inspections) are corrected at their source. Pure: no I/O.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseUkDate, ukDate } from '../domain/dates';
import { findingsRulesFor, findingsSchema, visitDateRange, type FindingsVersion } from '../findings/schema';
import type { SectionRef } from '../reports/sections';

type Findings = FindingsVersion['findings'];

/** The text a section holds in the findings, as the reviewer edits it; undefined when it cannot be edited. */
export function sectionText(f: Findings, s: SectionRef): string | undefined {
  if (s.visitDates) return `${ukDate(f.visitStartDate)} to ${ukDate(f.visitEndDate)}`;
  if (!s.field) return undefined;
  const v = f[s.field.name];
  return Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : undefined;
}

/** The findings with the section's corrected text in place, or what is wrong with the text. */
function correctedFindings(f: Findings, section: SectionRef, text: string): { findings?: Findings; problem?: string } {
  if (section.visitDates) {
    const m = /^\s*(\S+)\s+to\s+(\S+)\s*$/.exec(text);
    const [start, end] = m ? [parseUkDate(m[1]!), parseUkDate(m[2]!)] : [undefined, undefined];
    if (!start || !end) return { problem: 'Write the corrected visit dates as the report shows them, for example 08/09/2020 to 10/09/2020' };
    return { findings: { ...f, visitStartDate: start, visitEndDate: end } };
  }
  if (!section.field)
    return { problem: 'This section comes from data held elsewhere: accept the comment without corrected text, and correct the data at its source.' };
  const value = section.field.list
    ? text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : text.trim();
  return { findings: { ...f, [section.field.name]: value } };
}

export interface Correction {
  readonly latest: FindingsVersion;
  readonly section: SectionRef;
  readonly text: string;
  /** The visit, for the rules its findings must keep (its kind, and the dates its week allows). */
  readonly visit: { readonly kind: 'provider' | 'la'; readonly week: string };
  readonly reviewer: string;
  readonly now: string;
  readonly submissionId: string;
}

const plain = (f: Findings): unknown => JSON.parse(JSON.stringify(f));

/**
 * A new findings version with one section corrected (a comment accepted), checked as an upload is;
 * neither a version nor a problem when the text says what the findings already say.
 */
export function correctedVersion(c: Correction): { version?: FindingsVersion; problem?: string } {
  const made = correctedFindings(c.latest.findings, c.section, c.text);
  if (!made.findings) return { problem: made.problem };
  const parsed = findingsSchema().safeParse(made.findings);
  if (!parsed.success) return { problem: `The corrected text: ${parsed.error.issues[0]?.message ?? 'is not valid'}` };
  const rule = findingsRulesFor({ kind: c.visit.kind, visitDates: visitDateRange(c.visit.week, c.now.slice(0, 10)) }, parsed.data)[0];
  if (rule) return { problem: `The corrected text: ${rule.message}` };
  if (isDeepStrictEqual(plain(parsed.data), plain(c.latest.findings))) return {};
  return {
    version: {
      ...c.latest,
      version: c.latest.version + 1,
      submissionId: c.submissionId,
      madeBy: c.reviewer,
      receivedAt: c.now,
      objectVersion: undefined,
      contentHash: undefined,
      findings: parsed.data,
    },
  };
}
