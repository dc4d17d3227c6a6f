/**
 * npm run visit-link -- VISIT_ID [--inspector EMAIL] [--days N]
 * Prints the inspector's signed link for a visit, on a line of its own.
 */
import { limits } from '../infra/catalogue';
import { getVisit } from '../shared/aws/findings-store';
import { loadLinkSecret } from '../shared/aws/link-secret';
import { requireEnv } from '../shared/aws/config';
import { createVisitToken, visitLinkUrl } from '../shared/findings/visit-token';
import { CliError, positiveNumber, runCli } from './lib/cli';
import { loadLocalEndpoints } from './lib/local-env';

const spec = {
  command: 'npm run visit-link --',
  usage: 'VISIT_ID [--inspector EMAIL] [--days N]\nVisit ids are in the programme: npm run prioritise -- --json',
  options: { inspector: { type: 'string' }, days: { type: 'string' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
} as const;

await runCli(spec, async ({ values, positionals }) => {
  const visitId = positionals[0]!;
  const days = positiveNumber(values.days, 'days', limits.visitLinkLifetimeDays);
  loadLocalEndpoints();
  const visit = await getVisit(visitId);
  if (!visit) throw new CliError(`No visit ${visitId}. Visit ids are in the programme report, or: npm run prioritise -- --json`);
  const inspector = values.inspector ?? visit.inspector ?? 'inspector@inspectorate.example.gov.uk';
  const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
  const token = createVisitToken(await loadLinkSecret(), { visitId, inspector, expiresAt });
  console.error(`Link for ${inspector}, visit to ${visit.targetName} (week of ${visit.week}), valid until ${expiresAt.slice(0, 10)}:`);
  console.log(visitLinkUrl(requireEnv('webBaseUrl'), visitId, token));
  return 0;
});
