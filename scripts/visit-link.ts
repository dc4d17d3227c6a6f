/**
 * npm run visit-link -- VISIT_ID [--inspector EMAIL] [--days N]
 * Prints the inspector's signed link for a visit, on a line of its own.
 */
import { parseArgs } from 'node:util';
import { limits } from '../infra/catalogue';
import { getVisit } from '../shared/aws/findings-store';
import { loadLinkSecret } from '../shared/aws/link-secret';
import { requireEnv } from '../shared/aws/config';
import { createVisitToken, visitLinkUrl } from '../shared/findings/visit-token';
import { loadLocalEndpoints } from './lib/local-env';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { inspector: { type: 'string' }, days: { type: 'string' } } });
const visitId = positionals[0];
if (!visitId) {
  console.error('Usage: npm run visit-link -- VISIT_ID [--inspector EMAIL] [--days N]\nVisit ids are in the programme: npm run prioritise -- --json');
  process.exit(2);
}
loadLocalEndpoints();
const visit = await getVisit(visitId);
if (!visit) {
  console.error(`No visit ${visitId}. Visit ids are in the programme report, or: npm run prioritise -- --json`);
  process.exit(1);
}
const inspector = values.inspector ?? visit.inspector ?? 'inspector@inspectorate.example.gov.uk';
const days = Number(values.days ?? limits.visitLinkLifetimeDays);
const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
const token = createVisitToken(await loadLinkSecret(), { visitId, inspector, expiresAt });
console.error(`Link for ${inspector}, visit to ${visit.targetName} (week of ${visit.week}), valid until ${expiresAt.slice(0, 10)}:`);
console.log(visitLinkUrl(requireEnv('webBaseUrl'), visitId, token));
