/**
 * npm run erase-provider -- URN                 list what would be erased (nothing is deleted)
 * npm run erase-provider -- URN --yes           erase it, republish the reports index, recompute the programme
 * npm run erase-provider -- URN --yes --json    the same, the outcome as one JSON object
 * npm run erase-provider -- URN --aws [--yes]   against a deployed stack: set TABLE_NAME, FINDINGS_BUCKET and
 *                                               REPORTS_BUCKET from the stack outputs, with AWS credentials
 */
import { controlLocalCloud } from '../infra/local/cloud';
import { executeErasure, planProviderErasure, type ErasurePlan } from '../shared/aws/provider-erasure';
import { regenerateIndex } from '../shared/aws/report-publisher';
import { CliError, runCli, UsageError } from './lib/cli';
import { findLocalEndpoints, missingEndpointsMessage } from './lib/local-env';

const spec = {
  command: 'npm run erase-provider --',
  usage: 'URN [--yes] [--json] [--aws]\nLists what is held for a provider; --yes erases it. Give the URN as Ofsted publishes it, e.g. SC123456 or 1234567.',
  options: { yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, aws: { type: 'boolean', default: false } },
  positionals: { names: ['URN'], required: 1 },
} as const;

function describe(p: ErasurePlan): string {
  const entities = Object.entries(p.itemsByEntity)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([e, n]) => `${n} ${e}`)
    .join(', ');
  return [
    `Provider ${p.urn}${p.name ? ` (${p.name})` : ''}:`,
    `  table items: ${p.items.length}${entities ? ` (${entities})` : ''}`,
    `  visits: ${p.visitIds.length ? p.visitIds.join(', ') : 'none'}`,
    `  objects: ${p.objects.length} (findings uploads, quarantined uploads, reports)${p.allVersions ? ', every version' : ' - current objects only: this S3 keeps no versions'}`,
  ].join('\n');
}

/** Erase, republish the index and (locally) recompute the programme; prints the outcome. */
async function erase(plan: ErasurePlan, web: string | undefined, json: boolean): Promise<void> {
  if (!json) console.error(`${describe(plan)}\n\nErasing ...`);
  const done = await executeErasure(plan);
  await regenerateIndex();
  let programme = 'recompute the programme (invoke the prioritise function) so the current programme no longer lists it';
  if (web) {
    const { result } = await controlLocalCloud<{ result: { programmeId: string } }>(web, 'invoke/prioritise', { source: 'erasure' });
    programme = `programme recomputed without it: ${result.programmeId}`;
  }
  if (json) {
    console.log(JSON.stringify({ urn: plan.urn, found: true, dryRun: false, visitIds: plan.visitIds, ...done, allVersions: plan.allVersions }));
    return;
  }
  console.log(
    `Erased provider ${plan.urn}: ${done.itemsDeleted} table items and ${done.objectsDeleted} objects deleted; reports index republished; ${programme}.`,
  );
  console.log(
    'Earlier programmes (programme/<id>/ in the reports bucket) keep their record of it, and a later provider snapshot that still lists this URN brings its profile back: see the runbook.',
  );
}

await runCli(spec, async ({ values, positionals }) => {
  const urn = positionals[0]!.trim();
  if (!/^[A-Za-z0-9-]{1,20}$/.test(urn)) throw new UsageError(`"${urn.slice(0, 40)}" is not a URN: letters, digits and hyphens only, up to 20.`);
  let web: string | undefined;
  if (!values.aws) {
    const e = findLocalEndpoints();
    if (!e) throw new CliError(missingEndpointsMessage());
    web = e.web;
  }
  const plan = await planProviderErasure(urn);
  if (plan.items.length + plan.objects.length === 0) {
    if (values.json) console.log(JSON.stringify({ urn, found: false, itemsDeleted: 0, objectsDeleted: 0 }));
    else console.log(`Nothing is held for provider ${urn}: no table items, visits or objects. (Check the URN; it may already have been erased.)`);
    return 0;
  }
  if (!values.yes) {
    if (values.json) console.log(JSON.stringify({ found: true, dryRun: true, ...plan }));
    else console.log(`${describe(plan)}\n\nNothing was deleted. To erase all of this, run again with --yes.`);
    return 0;
  }
  await erase(plan, web, values.json);
  return 0;
});
