/**
 * The public side: published reports and the index (only the objects a publish made public),
 * and one-click unsubscribe for commissioners. Dependencies are injected so tests can fake them.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { prefixes } from '../../infra/catalogue';
import { objectKeys, parseReportKey } from '../object-keys';
import { verifyUnsubscribeToken } from '../notify/unsubscribe-token';
import { binary, html } from '../web/http';
import { renderTemplate } from '../web/render';

export interface PublicSiteDeps {
  readonly readReport: (key: string) => Promise<Uint8Array | undefined>;
  readonly isPublished: (visitId: string, version: number) => Promise<boolean>;
  readonly secret: () => Promise<string>;
  readonly unsubscribe: (email: string) => Promise<void>;
}

export const INDEX_KEY = objectKeys.reportsIndex;

function page(status: number, heading: string, paragraphs: string[], form?: { action: string; button: string }, panel = false): APIGatewayProxyStructuredResultV2 {
  return html(status, renderTemplate('public/message.njk', { pageTitle: heading, heading, paragraphs, form, panel }));
}

const notFound = () => page(404, 'Page not found', ['If you typed the web address, check it is correct.', 'Published visit reports are listed on the reports page.']);

export function createPublicSite(deps: PublicSiteDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.rawPath;
    const method = event.requestContext.http.method;

    if (path === '/unsubscribe') {
      const token = event.queryStringParameters?.token ?? '';
      const verified = verifyUnsubscribeToken(await deps.secret(), token);
      if (!verified.ok) return page(403, 'This unsubscribe link does not work', [verified.reason, 'Use the link in the most recent email you received from us.']);
      if (method === 'POST') {
        await deps.unsubscribe(verified.email);
        return page(200, 'You have been unsubscribed', [`We will not email ${verified.email} about visit reports or digests again.`, 'Published reports stay available on the reports page.'], undefined, true);
      }
      return page(200, 'Unsubscribe from visit report emails', [`This will stop emails about visit reports and weekly digests to ${verified.email}.`], {
        action: `/unsubscribe?token=${encodeURIComponent(token)}`,
        button: 'Unsubscribe',
      });
    }

    if (method !== 'GET') return page(405, 'That did not work', ['Reports can only be read.']);
    let key: string;
    try {
      key = decodeURIComponent(path.slice(1));
    } catch {
      return notFound();
    }
    if (key === prefixes.reports || key === prefixes.reports.slice(0, -1)) key = INDEX_KEY;
    if (key === INDEX_KEY) {
      const bytes = await deps.readReport(INDEX_KEY);
      if (!bytes) return page(200, 'Published visit reports', ['No visit reports have been published yet.']);
      const index = Buffer.from(bytes).toString('utf8');
      return html(200, index, { cache: 'public' });
    }
    // reports/{la}/{target}/{visitId}/v{n}.html|pdf: the only shape a published report has.
    const report = parseReportKey(key);
    if (!report) return notFound();
    if (!(await deps.isPublished(report.visitId, report.version))) return notFound();
    const bytes = await deps.readReport(key);
    if (!bytes) return notFound();
    if (report.ext === 'pdf') return binary(200, bytes, 'application/pdf', { cache: 'public' });
    return html(200, Buffer.from(bytes).toString('utf8'), { cache: 'public' });
  };
}
