/**
 * The sections of a public report, in reading order, by id: the HTML and PDF use the ids as anchors,
 * and factual accuracy comments are made per section. A section that comes from the inspector's
 * text names the findings field it comes from, so a reviewer who accepts a comment can correct it
 * (a new findings version); the visit section's dates can be corrected too; the others come from
 * data held elsewhere (provider details, earlier inspections), corrected at their source.
 */
import type { PublicReport } from './report-model';

export type EditableField = 'goingWell' | 'needsToImprove' | 'recommendations' | 'childrensExperiences' | 'pandemicDecisions' | 'schoolsJoinedUp';

export interface SectionRef {
  readonly id: string;
  readonly heading: string;
  /** The findings field the section's text comes from, and whether it is a list (one point a line). */
  readonly field?: { readonly name: EditableField; readonly list: boolean };
  /** The section shows the visit's dates, which a correction can change. */
  readonly visitDates?: true;
}

export function reportSections(r: Pick<PublicReport, 'kind' | 'narrative'>): SectionRef[] {
  return [
    { id: 'details', heading: r.kind === 'provider' ? 'Provider details' : 'Local authority' },
    { id: 'visit', heading: 'The visit', visitDates: true },
    { id: 'going-well', heading: 'What is going well', field: { name: 'goingWell', list: true } },
    { id: 'needs-to-improve', heading: 'What needs to improve', field: { name: 'needsToImprove', list: true } },
    ...(r.kind === 'provider' ? [{ id: 'requirements', heading: 'Requirements' }] : []),
    { id: 'recommendations', heading: 'Recommendations', field: { name: 'recommendations', list: true } },
    ...(r.kind === 'provider' ? [{ id: 'enforcement', heading: 'Enforcement action taken' }] : []),
    ...r.narrative.map((s) => ({ id: s.id, heading: s.heading, field: { name: NARRATIVE_FIELDS[s.id]!, list: false } })),
    { id: 'earlier', heading: 'Earlier inspections' },
  ];
}

const NARRATIVE_FIELDS: Record<string, EditableField> = { experiences: 'childrensExperiences', pandemic: 'pandemicDecisions', schools: 'schoolsJoinedUp' };
