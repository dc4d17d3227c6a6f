/**
 * npm run erase-provider -- URN                 list what would be erased (nothing is deleted)
 * npm run erase-provider -- URN --yes           erase it, republish the reports index, recompute the programme
 * npm run erase-provider -- URN --yes --json    the same, the outcome as one JSON object
 * npm run erase-provider -- URN --aws [--yes]   against a deployed stack: set TABLE_NAME, FINDINGS_BUCKET and
 *                                               REPORTS_BUCKET from the stack outputs, with AWS credentials
 */
import { parseArgs } from 'node:util';
import { controlLocalCloud } from '../infra/local/cloud';
import { executeErasure, planProviderErasure, type ErasurePlan } from '../shared/aws/provider-erasure';
import { regenerateIndex } from '../shared/aws/report-publisher';
import { exitAfterOutput, loadLocalEndpoints } from './lib/local-env';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, aws: { type: 'boolean', default: false } } });
const urn = positionals[0]?.trim();
if (!urn || !/^[A-Za-z0-9-]{1,20}$/.test(urn)) {
  console.error('Usage: npm run erase-provider -- URN [--yes] [--json] [--aws]\nGive the provider\'s URN as Ofsted publishes it, e.g. SC123456 or 1234567.');
  process.exit(2);
}
const web = values.aws ? undefined : loadLocalEndpoints().web;

const plan = await planProviderErasure(urn);
const total = plan.items.length + plan.objects.length;

function describe(p: ErasurePlan): string {
  const entities = Object.entries(p.itemsByEntity).sort(([a], [b]) => a.localeCompare(b)).map(([e, n]) => `${n} ${e}`).join(', ');
  return [
    `Provider ${p.urn}${p.name ? ` (${p.name})` : ''}:`,
    `  table items: ${p.items.length}${entities ? ` (${entities})` : ''}`,
    `  visits: ${p.visitIds.length ? p.visitIds.join(', ') : 'none'}`,
    `  objects: ${p.objects.length} (findings uploads, quarantined uploads, reports)${p.allVersions ? ', every version' : ' - current objects only: this S3 keeps no versions'}`,
  ].join('\n');
}

if (total === 0) {
  if (values.json) console.log(JSON.stringify({ urn, found: false, itemsDeleted: 0, objectsDeleted: 0 }));
  else console.log(`Nothing is held for provider ${urn}: no table items, visits or objects. (Check the URN; it may already have been erased.)`);
  await exitAfterOutput(0);
}

if (!values.yes) {
  if (values.json) console.log(JSON.stringify({ found: true, dryRun: true, ...plan }));
  else console.log(`${describe(plan)}\n\nNothing was deleted. To erase all of this, run again with --yes.`);
  await exitAfterOutput(0);
}

if (!values.json) console.error(`${describe(plan)}\n\nErasing ...`);
const done = await executeErasure(plan);
await regenerateIndex();
let programme = 'recompute the programme (invoke the prioritise function) so the current programme no longer lists it';
if (web) {
  const { result } = await controlLocalCloud<{ result: { programmeId: string } }>(web, 'invoke/prioritise', { source: 'erasure' });
  programme = `programme recomputed without it: ${result.programmeId}`;
}
if (values.json) {
  console.log(JSON.stringify({ urn, found: true, dryRun: false, visitIds: plan.visitIds, ...done, allVersions: plan.allVersions }));
} else {
  console.log(`Erased provider ${urn}: ${done.itemsDeleted} table items and ${done.objectsDeleted} objects deleted; reports index republished; ${programme}.`);
  console.log('Earlier programmes (programme/<id>/ in the reports bucket) keep their record of it, and a later provider snapshot that still lists this URN brings its profile back: see the runbook.');
}
