import { readFileSync } from 'node:fs';
import { latestFindingsVersion } from '../../shared/aws/findings-store';
import { findingsRulesFor, findingsSchema, visitDateRange, type FindingsVersion } from '../../shared/findings/schema';
import type { WithPublication } from '../../shared/publication/ports';
import { CliError, UsageError } from '../lib/cli';
import type { VisitCommand } from './command';
import { noteFor, orRefused, visitContext } from './context';

/** A corrected findings file, checked as an upload would be, as the next version. */
function correctedVersion(
  file: string,
  latest: FindingsVersion,
  visit: { kind: 'provider' | 'la'; week: string; visitId: string },
  by: string,
): FindingsVersion {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = findingsSchema().safeParse(json);
  if (!parsed.success)
    throw new CliError(`${file} is not valid findings:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const rules = findingsRulesFor({ kind: visit.kind, visitDates: visitDateRange(visit.week, new Date().toISOString().slice(0, 10)) }, parsed.data);
  if (parsed.data.visitId !== visit.visitId) rules.push({ path: 'visitId', message: `the findings are for ${parsed.data.visitId}, not ${visit.visitId}` });
  if (rules.length) throw new CliError(`${file} is not valid findings for this visit:\n${rules.map((r) => `  - ${r.path}: ${r.message}`).join('\n')}`);
  return {
    ...latest,
    version: latest.version + 1,
    submissionId: `amendment-${Date.now()}`,
    madeBy: by,
    receivedAt: new Date().toISOString(),
    objectVersion: undefined,
    contentHash: undefined,
    findings: parsed.data,
  };
}

export const amend: VisitCommand = {
  name: 'amend',
  summary: 'amend a published report: the reason is the amendment note shown on it; everyone emailed it is told',
  usage:
    'VISIT_ID --reason TEXT [--findings FILE.json] [--json]\nThe reason is published as the amendment note ("what changed"). With --findings, the corrected findings become the next version.',
  options: { reason: { type: 'string' }, findings: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => {
    if (typeof values.reason !== 'string' || values.reason.trim() === '')
      throw new UsageError('--reason is required: the amendment note, published on the report.');
    const c = await visitContext(positionals[0]!);
    let extras: WithPublication[] = [];
    let newVersion: number | undefined;
    if (typeof values.findings === 'string') {
      const latest = await latestFindingsVersion(c.visit.visitId);
      if (!latest) throw new CliError(`Visit ${c.visit.visitId} has no findings to amend.`);
      const version = correctedVersion(values.findings, latest, c.visit, c.by);
      extras = [{ kind: 'findings-version', version }];
      newVersion = version.version;
    }
    const result = orRefused(await c.act({ action: 'amend', reason: values.reason, by: c.by, ...(newVersion ? { newVersion } : {}) }, () => extras));
    return c.show(values.json === true, noteFor(result, 'Amended: the public report shows the note, and everyone who was emailed it is being told.'));
  },
};
