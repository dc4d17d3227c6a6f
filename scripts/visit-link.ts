/**
 * npm run visit-link -- VISIT_ID [--role inspector|reviewer|provider] [--email EMAIL] [--days N]
 * Prints a signed link for a visit, on a line of its own (one per contact for --role provider):
 * - inspector (the default): the findings form (--inspector is an older name for --email);
 * - reviewer: the review page, for the reviewer the findings are assigned to;
 * - provider: the factual accuracy page, for the contacts the draft was sent to, valid to the window's end.
 * Links are reissued on demand; a page refuses a link once its step is over.
 */
import { addDays } from '../shared/domain/calendar';
import { limits } from '../infra/catalogue';
import { getVisit } from '../shared/aws/findings-store';
import { loadLinkSecret } from '../shared/aws/link-secret';
import { getPublication } from '../shared/aws/publication-store';
import { requireEnv } from '../shared/aws/config';
import { createVisitToken, visitLinkUrl } from '../shared/findings/visit-token';
import { stepOpen } from '../shared/publication/lifecycle';
import { createRoleToken, roleLinkUrl } from '../shared/publication/role-links';
import { CliError, positiveNumber, runCli, UsageError } from './lib/cli';
import { loadLocalEndpoints } from './lib/local-env';

const ROLES = ['inspector', 'reviewer', 'provider'] as const;

const spec = {
  command: 'npm run visit-link --',
  usage: `VISIT_ID [--role ${ROLES.join('|')}] [--email EMAIL] [--days N]\nVisit ids are in the programme: npm run prioritise -- --json`,
  options: { role: { type: 'string' }, email: { type: 'string' }, inspector: { type: 'string' }, days: { type: 'string' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
} as const;

const DAY = 86_400_000;

await runCli(spec, async ({ values, positionals }) => {
  const visitId = positionals[0]!;
  const role = values.role ?? 'inspector';
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}").`);
  const days = positiveNumber(values.days, 'days', role === 'reviewer' ? limits.reviewerLinkLifetimeDays : limits.visitLinkLifetimeDays);
  loadLocalEndpoints();
  const visit = await getVisit(visitId);
  if (!visit) throw new CliError(`No visit ${visitId}. Visit ids are in the programme report, or: npm run prioritise -- --json`);
  const secret = await loadLinkSecret();
  const base = requireEnv('webBaseUrl');
  const until = (ms: number) => new Date(ms).toISOString();

  if (role === 'inspector') {
    const inspector = values.email ?? values.inspector ?? visit.inspector ?? 'inspector@inspectorate.example.gov.uk';
    const expiresAt = until(Date.now() + days * DAY);
    console.error(`Link for ${inspector}, visit to ${visit.targetName} (week of ${visit.week}), valid until ${expiresAt.slice(0, 10)}:`);
    console.log(visitLinkUrl(base, visitId, createVisitToken(secret, { visitId, inspector, expiresAt })));
    return 0;
  }
  const publication = await getPublication(visitId);
  const today = new Date().toISOString().slice(0, 10);
  if (role === 'reviewer') {
    if (!stepOpen('reviewer', publication, today) || !publication?.reviewer)
      throw new CliError(
        `Visit ${visitId} has nothing to review (${publication ? publication.state : 'no findings yet'}${publication && !publication.reviewer ? ', no reviewer assigned' : ''}). See: npm run visit -- status ${visitId}`,
      );
    const reviewer = values.email ?? publication.reviewer;
    if (reviewer !== publication.reviewer)
      throw new CliError(`The findings are assigned to ${publication.reviewer}, not ${reviewer}: the page would refuse the link.`);
    const expiresAt = until(Date.now() + days * DAY);
    console.error(`Review link for ${reviewer}, visit to ${visit.targetName}, valid until ${expiresAt.slice(0, 10)}:`);
    console.log(roleLinkUrl(base, 'reviewer', visitId, createRoleToken(secret, { role: 'reviewer', visitId, subject: reviewer, expiresAt })));
    return 0;
  }
  const window = publication?.factualAccuracy;
  if (!window || !stepOpen('provider', publication, today))
    throw new CliError(
      `Visit ${visitId}'s draft is not out for a factual accuracy check (${publication?.state ?? 'no findings yet'}). See: npm run visit -- status ${visitId}`,
    );
  const contacts = values.email ? [values.email] : window.contacts;
  if (contacts.length === 0)
    throw new CliError(
      `The draft of visit ${visitId} was sent to nobody: no contact is held for ${visit.targetName}. Import contacts (npm run import -- contacts.csv).`,
    );
  const expiresAt = `${addDays(window.closesOn, 1)}T00:00:00.000Z`;
  for (const contact of contacts) {
    if (!window.contacts.includes(contact))
      throw new CliError(`The draft was not sent to ${contact}: the page would refuse the link. Sent to: ${window.contacts.join(', ')}.`);
    console.error(`Factual accuracy link for ${contact}, open until the end of ${window.closesOn}:`);
    console.log(roleLinkUrl(base, 'provider', visitId, createRoleToken(secret, { role: 'provider', visitId, subject: contact, expiresAt })));
  }
  return 0;
});
