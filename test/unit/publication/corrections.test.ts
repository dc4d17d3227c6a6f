/** Accepting a factual accuracy comment: the text the reviewer edits, and the version it makes. */
import { describe, expect, it } from 'vitest';
import type { FindingsVersion } from '../../../shared/findings/schema';
import { correctedVersion, sectionText } from '../../../shared/publication/corrections';
import { reportSections, type SectionRef } from '../../../shared/reports/sections';
import { validFindings } from '../../support/fixtures';

const visit = { visitId: 'v-1', kind: 'provider' as const, week: '2020-09-07' };
const latest: FindingsVersion = {
  visitId: visit.visitId,
  version: 2,
  submissionId: 's-2',
  inspector: 'inspector@example.gov.uk',
  receivedAt: '2020-09-10T10:00:00.000Z',
  s3Key: 'findings/v-1/s-2.json',
  findings: validFindings(visit),
};
const section = (id: string): SectionRef => reportSections({ kind: 'provider', narrative: [] }).find((s) => s.id === id)!;
const correct = (id: string, text: string) =>
  correctedVersion({
    latest,
    section: section(id),
    text,
    visit,
    reviewer: 'reviewer@example.gov.uk',
    now: '2020-09-20T09:00:00.000Z',
    submissionId: 'review-1',
  });

describe('correcting the findings when a factual accuracy comment is accepted', () => {
  it('shows the visit dates as the report does, and takes corrected dates as the next version', () => {
    expect(sectionText(latest.findings, section('visit'))).toBe('08/09/2020 to 09/09/2020');
    const out = correct('visit', '08/09/2020 to 10/09/2020');
    expect(out.problem).toBeUndefined();
    expect(out.version).toMatchObject({ version: 3, madeBy: 'reviewer@example.gov.uk', submissionId: 'review-1', inspector: latest.inspector });
    expect(out.version?.findings).toMatchObject({ visitStartDate: '2020-09-08', visitEndDate: '2020-09-10' });
    expect(out.version?.findings.goingWell).toEqual(latest.findings.goingWell);
  });

  it('refuses dates it cannot read, a last day before the first, or days outside the visit’s year, saying how to write them', () => {
    expect(correct('visit', 'the 8th to the 10th').problem).toMatch(/as the report shows them, for example 08\/09\/2020 to 10\/09\/2020/);
    expect(correct('visit', '10/09/2020 to 08/09/2020').problem).toMatch(/last day of the visit must be the same as or after the first day/);
    expect(correct('visit', '08/09/2019 to 09/09/2019').problem).toMatch(/on or after 01\/01\/2020/);
  });

  it('takes a list section one point a line, and makes no version when the text is left as it was', () => {
    expect(correct('going-well', 'Children have trusted adults\n\n  Care plans were brought up to date  ').version?.findings.goingWell).toEqual([
      'Children have trusted adults',
      'Care plans were brought up to date',
    ]);
    expect(correct('going-well', sectionText(latest.findings, section('going-well'))!)).toEqual({});
    expect(correct('visit', '08/09/2020 to 09/09/2020')).toEqual({});
  });

  it('says where to correct a section that comes from data held elsewhere', () => {
    expect(sectionText(latest.findings, section('details'))).toBeUndefined();
    expect(correct('details', 'A new address').problem).toMatch(/data held elsewhere/);
  });
});
