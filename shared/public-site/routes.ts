/**
 * The public side: published reports at their stable addresses and the index, and one-click
 * unsubscribe for commissioners. A report is served only while its visit's publication says it is
 * public; a withdrawn report's address shows the withdrawal notice. Nothing restricted can be
 * served from here: only keys under reports/ are read (and the function's role can read nothing
 * else). Dependencies are injected so tests can fake them.
 */
import { prefixes } from '../../infra/catalogue';
import { verifyUnsubscribeToken } from '../notify/unsubscribe-token';
import { PUBLIC_REPORT_KEY, publishedIndexKey } from '../object-keys';
import { binary, html } from '../web/http';
import { safeDecode, type WebRequest } from '../web/request';

/** Whether a visit's report is public now, withdrawn, or neither. */
export type PublicState = 'public' | 'withdrawn' | undefined;

export interface PublicSiteDeps {
  readonly readReport: (key: string) => Promise<Uint8Array | undefined>;
  readonly publicState: (visitId: string) => Promise<PublicState>;
  readonly secret: () => Promise<string>;
  readonly unsubscribe: (email: string) => Promise<void>;
}

export const INDEX_KEY = publishedIndexKey;

/**
 * A GOV.UK message page. The renderer (nunjucks and the templates) is loaded the first time one is
 * needed: most requests are for reports and the index, which are stored pages served as they are.
 */
async function page(status: number, heading: string, paragraphs: string[], form?: { action: string; button: string }, panel = false) {
  const { renderTemplate } = await import('../web/render');
  return html(status, renderTemplate('public/message.njk', { pageTitle: heading, heading, paragraphs, form, panel }));
}

const notFound = () =>
  page(404, 'Page not found', ['If you typed the web address, check it is correct.', 'Published visit reports are listed on the reports page.']);

async function unsubscribe(deps: PublicSiteDeps, request: WebRequest) {
  const token = request.query.token ?? '';
  const verified = verifyUnsubscribeToken(await deps.secret(), token);
  if (!verified.ok) return page(403, 'This unsubscribe link does not work', [verified.reason, 'Use the link in the most recent email you received from us.']);
  if (request.method === 'POST') {
    await deps.unsubscribe(verified.email);
    return page(
      200,
      'You have been unsubscribed',
      [`We will not email ${verified.email} about visit reports or digests again.`, 'Published reports stay available on the reports page.'],
      undefined,
      true,
    );
  }
  return page(200, 'Unsubscribe from visit report emails', [`This will stop emails about visit reports and weekly digests to ${verified.email}.`], {
    action: `/unsubscribe?token=${encodeURIComponent(token)}`,
    button: 'Unsubscribe',
  });
}

async function report(deps: PublicSiteDeps, key: string) {
  const match = PUBLIC_REPORT_KEY.exec(key);
  if (!match) return notFound();
  const [, visitId, ext] = match;
  const state = await deps.publicState(visitId!);
  if (state === undefined || (state === 'withdrawn' && ext === 'pdf')) return notFound();
  const bytes = await deps.readReport(key);
  if (!bytes) return notFound();
  if (ext === 'pdf') return binary(200, bytes, 'application/pdf', { cache: 'public' });
  return html(state === 'withdrawn' ? 410 : 200, Buffer.from(bytes).toString('utf8'), { cache: 'public' });
}

export function createPublicSite(deps: PublicSiteDeps) {
  return async (request: WebRequest) => {
    if (request.path === '/unsubscribe') return unsubscribe(deps, request);
    if (request.method !== 'GET') return page(405, 'That did not work', ['Reports can only be read.']);
    let key = safeDecode(request.path.slice(1));
    if (key === '') return notFound();
    if (key === prefixes.reports || key === prefixes.reports.slice(0, -1)) key = INDEX_KEY;
    if (key === INDEX_KEY) {
      const bytes = await deps.readReport(INDEX_KEY);
      if (!bytes) return page(200, 'Published visit reports', ['No visit reports have been published yet.']);
      return html(200, Buffer.from(bytes).toString('utf8'), { cache: 'public' });
    }
    return report(deps, key);
  };
}
