/**
 * A commissioner's briefing, behind the signed link in their email:
 *   GET /briefings/{visitId}?token=...   the current edition's briefing (OFFICIAL-SENSITIVE)
 * The link names the commissioner; each time it is used the app checks that their subscription
 * still covers the report (by LA, region or URN) and that the report is still published. Served
 * with `Cache-Control: no-store` and never indexed. The public site cannot read briefings at all.
 */
import type { Commissioner } from '../domain/types';
import { matchesCommissioner } from '../notify/matching';
import { briefingKey } from '../object-keys';
import { html } from '../web/http';
import { safeDecode, type WebRequest } from '../web/request';
import { PUBLIC_STATES, type Publication } from './lifecycle';
import { noindex, pageMessage } from './page-parts';
import type { ReportEdition } from './records';
import { ROLE_TOKEN_MESSAGES, verifyRoleToken } from './role-links';

export interface BriefingPageDeps {
  secret(): Promise<string>;
  now(): Date;
  getPublication(visitId: string): Promise<Publication | undefined>;
  getEdition(visitId: string, edition: number): Promise<ReportEdition | undefined>;
  getCommissioner(commissionerId: string): Promise<Commissioner | undefined>;
  readBriefing(key: string): Promise<Uint8Array | undefined>;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

export function createBriefingPage(deps: BriefingPageDeps) {
  return async (request: WebRequest) => {
    const visitId = safeDecode(/^\/briefings\/([^/]+)$/.exec(request.path)?.[1] ?? '');
    if (!ID.test(visitId)) return pageMessage(404, 'Page not found', ['If you used a link from an email, copy the whole link.']);
    if (request.method !== 'GET') return pageMessage(405, 'That did not work', ['The briefing can only be read.']);
    const check = verifyRoleToken(await deps.secret(), request.query.token, 'briefing', visitId, deps.now());
    if (!check.ok)
      return pageMessage(403, 'You cannot use this link', [ROLE_TOKEN_MESSAGES[check.reason], 'The briefing is also attached to the email we sent you.']);
    const [publication, commissioner] = await Promise.all([deps.getPublication(visitId), deps.getCommissioner(check.subject)]);
    if (!publication || !PUBLIC_STATES.includes(publication.state)) {
      return pageMessage(
        publication?.state === 'withdrawn' ? 410 : 404,
        publication?.state === 'withdrawn' ? 'This report has been withdrawn' : 'Page not found',
        ['There is no briefing to show for this visit.'],
      );
    }
    const edition = await deps.getEdition(visitId, publication.edition);
    if (!edition) return pageMessage(404, 'Page not found', ['The briefing is being prepared. Try again in a few minutes.']);
    if (!commissioner || !matchesCommissioner(commissioner, { localAuthority: edition.localAuthority, region: edition.region, urn: edition.urn })) {
      return pageMessage(403, 'You cannot see this briefing', [
        'Briefings are only for commissioners whose subscription covers the provider or area. Your subscription no longer covers this report: ask the planning team if you need it.',
      ]);
    }
    const bytes = await deps.readBriefing(briefingKey(visitId, publication.edition, 'html'));
    if (!bytes) return pageMessage(404, 'Page not found', ['The briefing is being prepared. Try again in a few minutes.']);
    return noindex(html(200, Buffer.from(bytes).toString('utf8'), { cache: 'no-store' }));
  };
}
