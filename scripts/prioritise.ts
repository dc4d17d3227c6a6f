/**
 * npm run prioritise                          recompute priorities and the programme now
 * npm run prioritise -- --json                the programme as one JSON object
 * npm run prioritise -- --policy FILE         put a new policy in force (refused with every problem if bad), then recompute
 * npm run prioritise -- --policy FILE --dry-run   how the programme would change, writing nothing
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { controlLocalCloud } from '../infra/local/cloud';
import { currentProgramme, loadPrioritiseInputs, PolicyRefusedError, policyInForce, readProgrammeJson, setPolicy, type StoreResult } from '../shared/aws/programme-store';
import { diffProgrammes, renderDiffText } from '../shared/prioritise/diff';
import { parsePolicy } from '../shared/prioritise/policy';
import { buildProgramme, programmeDigest, type Programme } from '../shared/prioritise/programme';
import { exitAfterOutput, loadLocalEndpoints } from './lib/local-env';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, policy: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
const e = loadLocalEndpoints();

function readPolicyFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    console.error(`Cannot read the policy file ${file}: ${(err as Error).message}`);
    process.exit(2);
  }
}

if (values['dry-run']) {
  const policy = values.policy
    ? (() => {
        const parsed = parsePolicy(readPolicyFile(values.policy!));
        if (!parsed.ok) {
          console.error(new PolicyRefusedError(parsed.problems).message);
          process.exit(1);
        }
        return parsed.policy;
      })()
    : await policyInForce();
  console.error('Dry run: loading inputs and computing the programme (nothing is written) ...');
  const { inputs } = await loadPrioritiseInputs();
  const proposed = buildProgramme(inputs, policy);
  const pointer = await currentProgramme();
  const current = pointer ? await readProgrammeJson(pointer.programmeId) : undefined;
  if (!current) {
    console.log('No programme is in force yet: every planned visit would be new.');
    console.log(`${proposed.planned.length} visits would be planned, ${proposed.unplanned.length} not planned.`);
    process.exit(0);
  }
  const diff = diffProgrammes(current, proposed);
  console.log(values.json ? JSON.stringify(diff) : renderDiffText(diff));
  await exitAfterOutput(0);
}

if (values.policy) {
  try {
    const p = await setPolicy(readPolicyFile(values.policy));
    console.error(`Policy ${p.version} is now in force.`);
  } catch (err) {
    if (err instanceof PolicyRefusedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

if (!values.json) console.error('Computing priorities and the visit programme ...');
const t0 = Date.now();
const { result } = await controlLocalCloud<{ result: StoreResult & { seed: number; policyVersion: string } }>(e.web, 'invoke/prioritise', { source: 'cli' });
const programme = (await readProgrammeJson(result.programmeId)) as Programme;
if (values.json) {
  console.log(
    JSON.stringify({
      programmeId: programme.programmeId,
      digest: programmeDigest(programme),
      seed: programme.seed,
      policyVersion: programme.policyVersion,
      changed: result.changed,
      planned: programme.planned.map((p) => ({ visitId: p.visitId, target: p.target, targetName: p.targetName, kind: p.kind, week: p.week, region: p.region, localAuthority: p.localAuthority, noticeDate: p.noticeDate, score: p.score, reasons: p.reasons })),
      unplanned: programme.unplanned.map((u) => ({ target: u.target, kind: u.kind, targetName: u.targetName, why: u.why })),
    }),
  );
  await exitAfterOutput(0);
}
const byRegion = new Map<string, number>();
for (const p of programme.planned) byRegion.set(p.region, (byRegion.get(p.region) ?? 0) + 1);
console.log(`Programme ${programme.programmeId} (policy ${programme.policyVersion}, seed ${programme.seed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s${result.changed ? '' : ' - unchanged: same inputs and policy as the programme in force'}`);
console.log(`Planned visits: ${programme.planned.length}   Not planned: ${programme.unplanned.length}   Withdrawn from the previous programme: ${result.withdrawn}`);
for (const [region, n] of [...byRegion].sort()) console.log(`  ${region.padEnd(40)} ${n}`);
console.log('\nHighest priority:');
for (const p of programme.planned.slice(0, 5)) console.log(`  ${p.week}  ${p.visitId}  ${p.targetName} (${p.kind === 'la' ? 'LA' : p.target})\n      ${p.reasons.slice(0, 3).join('\n      ')}`);
console.log(`\nReport:       ${e.web}/local/reports-bucket/programme/current/index.html`);
console.log(`CSV:          ${e.web}/local/reports-bucket/programme/current/programme.csv`);
console.log(`Transparency: ${e.web}/local/reports-bucket/programme/current/transparency.html`);
