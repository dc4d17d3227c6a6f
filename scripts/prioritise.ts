/**
 * npm run prioritise                               re-plan the programme as of today
 * npm run prioritise -- --as-of YYYY-MM-DD         ... as of another day (people and tests)
 * npm run prioritise -- --json                     the programme as one JSON object
 * npm run prioritise -- --policy FILE              put a new policy in force (refused with every problem if bad), then re-plan
 * npm run prioritise -- --policy FILE --dry-run    how the programme would change, writing nothing
 */
import { readFileSync } from 'node:fs';
import { controlLocalCloud } from '../infra/local/cloud';
import type { PrioritiseResult } from '../functions/prioritise/handler';
import { PolicyRefusedError } from '../shared/aws/policy-store';
import { programmePorts, readProgrammeJson, setPolicy } from '../shared/aws/programme-store';
import { dateOf } from '../shared/domain/calendar';
import { ukDate } from '../shared/domain/dates';
import { dryRunJson, renderChangesText } from '../shared/prioritise/diff';
import { parsePolicy, type Policy } from '../shared/prioritise/policy';
import type { Programme } from '../shared/prioritise/programme';
import { previewProgramme, type ReplanResult } from '../shared/prioritise/replan';
import { CliError, dateOption, runCli } from './lib/cli';
import { loadLocalEndpoints } from './lib/local-env';

const spec = {
  command: 'npm run prioritise --',
  usage: `[--as-of YYYY-MM-DD] [--json] [--policy FILE [--dry-run]]
Re-plans the visit programme as of a day (default: today, on the local cloud's clock): scores,
triage, follow-ups, two inspector pools. --dry-run shows what would change and writes nothing.`,
  options: { json: { type: 'boolean' }, policy: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' } },
} as const;

function readPolicyFile(file: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`Cannot read the policy file ${file}: ${(err as Error).message}`, 2);
  }
  const parsed = parsePolicy(json);
  if (!parsed.ok) throw new CliError(new PolicyRefusedError(parsed.problems).message);
  return parsed.policy;
}

async function dryRun(asOf: string, policyFile: string | undefined, json: boolean): Promise<number> {
  const policy = policyFile ? readPolicyFile(policyFile) : undefined;
  console.error(`Dry run as of ${ukDate(asOf)}: loading inputs and planning (nothing is written) ...`);
  const proposed = await previewProgramme(programmePorts, asOf, policy);
  console.log(json ? JSON.stringify(dryRunJson(proposed)) : renderChangesText(proposed));
  return 0;
}

/** The --json object: the fields callers have always read, then the as-of date, changes and triage. */
function programmeJson(p: Programme, r: ReplanResult) {
  const changes = r.changed ? p.changes : { moved: [], added: [], dropped: [] };
  return {
    programmeId: p.programmeId,
    digest: r.digest,
    seed: p.seed,
    policyVersion: p.policyVersion,
    changed: r.changed,
    planned: p.planned.map((v) => ({
      visitId: v.visitId,
      target: v.target,
      targetName: v.targetName,
      kind: v.kind,
      week: v.week,
      region: v.region,
      localAuthority: v.localAuthority,
      noticeDate: v.noticeDate,
      score: v.score,
      reasons: v.reasons,
      status: v.status,
      pool: v.pool,
      unannounced: v.unannounced,
      ...(v.fixed ? { fixed: v.fixed } : {}),
    })),
    unplanned: p.unplanned.map((u) => ({ target: u.target, kind: u.kind, targetName: u.targetName, why: u.why, pool: u.pool })),
    asOf: p.asOf,
    ...changes,
    triage: p.triage,
    noSlot: p.noSlot,
  };
}

function printSummary(p: Programme, r: ReplanResult, web: string, seconds: number): void {
  console.log(
    `Programme ${p.programmeId} as of ${ukDate(p.asOf)} (policy ${p.policyVersion}, seed ${p.seed}) in ${seconds.toFixed(1)} s${r.changed ? '' : ' - unchanged: same inputs, policy and day as the programme in force'}`,
  );
  console.log(`Planned visits: ${p.planned.length} (${p.planned.filter((v) => v.fixed).length} fixed)   Not planned: ${p.unplanned.length}`);
  console.log(`Changes: ${r.moved} moved, ${r.added} added, ${r.dropped} dropped   Triage: ${p.triage.length} (${p.noSlot} with no visit in time)`);
  if (r.conflicts.length) console.log(`Visits that changed while planning (taken up by the next run): ${r.conflicts.join(', ')}`);
  for (const t of p.triage)
    console.log(
      `  triage: ${t.targetName}${t.targetName.includes(t.target) ? '' : ` (${t.target})`}, due by ${ukDate(t.dueBy)}: ${t.outcome}${t.week ? `, week of ${ukDate(t.week)}` : ''}${t.why ? ` (${t.why})` : ''}`,
    );
  console.log(`\nReport:       ${web}/local/reports-bucket/programme/current/index.html`);
  console.log(`CSV:          ${web}/local/reports-bucket/programme/current/programme.csv`);
  console.log(`Transparency: ${web}/local/reports-bucket/programme/current/transparency.html`);
}

await runCli(spec, async ({ values }) => {
  const given = dateOption(values['as-of'], 'as-of');
  const e = loadLocalEndpoints();
  // Today is the local cloud's today (npm start -- --today sets its clock).
  const asOf = given ?? dateOf((await controlLocalCloud<{ now: string }>(e.web, 'clock', {})).now);
  if (values['dry-run']) return dryRun(asOf, values.policy, Boolean(values.json));
  if (values.policy) {
    const policy = readPolicyFile(values.policy);
    await setPolicy(policy);
    console.error(`Policy ${policy.version} is now in force.`);
  }
  if (!values.json) console.error(`Planning as of ${ukDate(asOf)} ...`);
  const t0 = Date.now();
  const { result } = await controlLocalCloud<{ result: PrioritiseResult }>(e.web, 'invoke/prioritise', { source: 'cli', asOf });
  if ('skipped' in result) throw new CliError(`The re-plan did not run: ${result.skipped}`);
  const programme = await readProgrammeJson(result.programmeId);
  if (!programme) throw new CliError(`Programme ${result.programmeId} was computed but its programme.json is missing from the reports bucket: run again.`);
  if (values.json) console.log(JSON.stringify(programmeJson(programme, result)));
  else printSummary(programme, result, e.web, (Date.now() - t0) / 1000);
  return 0;
});
