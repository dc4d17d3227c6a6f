/**
 * The inspector's pages, as an HTTP API handler with its dependencies injected:
 *   GET /visits/{visitId}/findings?token=...                the GOV.UK findings form
 *   GET /visits/{visitId}/submissions/{id}?token=...        received -> accepted / rejected
 *   GET /assets/...                                         GOV.UK's CSS, fonts and images, the form's script
 * A link that is tampered with, expired or for another visit gets a 403 page and no upload form.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ukDate } from '../domain/dates';
import { ENFORCEMENT_ACTIONS, VISIT_METHODS, type Visit } from '../domain/types';
import { assetResponse } from '../web/asset-response';
import type { AssetCatalogue } from '../web/assets';
import { html, json } from '../web/http';
import { renderTemplate } from '../web/render';
import { ENFORCEMENT_LABELS, METHOD_LABELS } from './schema';
import { verifyVisitToken } from './visit-token';

export interface SubmissionStatus {
  readonly state: 'waiting' | 'received' | 'accepted' | 'rejected';
  readonly reasons?: readonly string[];
  readonly version?: number;
}

export interface FindingsPageDeps {
  getVisit(visitId: string): Promise<Visit | undefined>;
  getSecret(): Promise<string>;
  createPost(args: { visitId: string; submissionId: string; inspector: string }): Promise<{ url: string; fields: Record<string, string> }>;
  recordWaiting(visitId: string, submissionId: string, inspector: string): Promise<void>;
  getSubmissionStatus(visitId: string, submissionId: string): Promise<SubmissionStatus>;
  /** The pages' static assets (content-hashed names, compressed, long cache). */
  assets(): AssetCatalogue;
  now(): Date;
}

const TOKEN_MESSAGES: Record<'malformed' | 'bad-signature' | 'expired' | 'wrong-visit', string> = {
  malformed: 'The link is incomplete. Copy the whole link from your visit email and try again.',
  'bad-signature': 'The link has been changed, so it cannot be trusted. Use the link exactly as it was sent to you.',
  expired: 'The link has expired. Ask the planning team for a new link for this visit.',
  'wrong-visit': 'The link is for a different visit. Use the link sent for this visit.',
};

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** A malformed %-escape is just a path we do not have (404), never a crash. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function message(status: number, heading: string, paragraphs: string[]): APIGatewayProxyStructuredResultV2 {
  return html(status, renderTemplate('errors/message.njk', { pageTitle: heading, heading, paragraphs }));
}

const notFound = () => message(404, 'Page not found', ['If you typed the web address, check it is correct.', 'If you used a link from an email, copy the whole link.']);

function context(visit: Visit) {
  const rows = [
    { key: { text: visit.kind === 'la' ? 'Local authority' : 'Provider' }, value: { text: visit.targetName } },
    ...(visit.kind === 'provider' ? [{ key: { text: 'URN' }, value: { text: visit.target } }, { key: { text: 'Provision type' }, value: { text: visit.provisionType ?? 'Not known' } }] : []),
    { key: { text: 'Local authority area' }, value: { text: visit.localAuthority } },
    { key: { text: 'Ofsted region' }, value: { text: visit.region } },
    { key: { text: 'Planned week' }, value: { text: `Week commencing ${ukDate(visit.week)} (notice given ${ukDate(visit.noticeDate)})` } },
  ];
  return rows;
}

export function createFindingsPage(deps: FindingsPageDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.rawPath;
    const method = event.requestContext.http.method;
    if (path.startsWith('/assets/') && (method === 'GET' || method === 'HEAD')) return assetResponse(deps.assets(), { path, method, headers: event.headers ?? {} }) ?? notFound();
    if (method !== 'GET') return message(405, 'That did not work', ['This page can only be read; findings are uploaded by the form.']);

    const form = /^\/visits\/([^/]+)\/findings$/.exec(path);
    const status = /^\/visits\/([^/]+)\/submissions\/([^/]+)$/.exec(path);
    const visitId = safeDecode((form ?? status)?.[1] ?? '');
    if (!(form || status) || !ID.test(visitId)) return notFound();

    const token = event.queryStringParameters?.token;
    const check = verifyVisitToken(await deps.getSecret(), token, visitId, deps.now());
    if (!check.ok) return message(403, 'You cannot use this link', [TOKEN_MESSAGES[check.reason]]);
    const visit = await deps.getVisit(visitId);
    if (!visit) return message(404, 'Visit not found', ['This visit is not in the programme any more. Ask the planning team whether it was withdrawn.']);
    const tokenQuery = `token=${encodeURIComponent(token!)}`;

    if (status) {
      const submissionId = safeDecode(status[2]!);
      if (!ID.test(submissionId)) return notFound();
      const s = await deps.getSubmissionStatus(visitId, submissionId);
      if (event.queryStringParameters?.format === 'json') return json(200, s);
      return html(
        200,
        renderTemplate('findings/status.njk', {
          pageTitle: s.state === 'accepted' ? 'Findings accepted' : s.state === 'rejected' ? 'Findings not accepted' : 'Checking your findings',
          visit,
          state: s.state,
          version: s.version,
          reasons: (s.reasons ?? []).map((text) => ({ text })),
          final: s.state === 'accepted' || s.state === 'rejected',
          formUrl: `/visits/${encodeURIComponent(visitId)}/findings?${tokenQuery}`,
        }),
      );
    }

    const submissionId = randomUUID();
    const upload = await deps.createPost({ visitId, submissionId, inspector: check.inspector });
    await deps.recordWaiting(visitId, submissionId, check.inspector);
    const origin = new URL(upload.url).origin;
    return html(
      200,
      renderTemplate('findings/form.njk', {
        pageTitle: `Visit findings: ${visit.targetName}`,
        visit,
        context: context(visit),
        upload,
        // JSON inside <script>: '<' escaped so no value can close the element.
        uploadJson: JSON.stringify(upload).replace(/</g, '\\u003c'),
        statusUrl: `/visits/${encodeURIComponent(visitId)}/submissions/${submissionId}?${tokenQuery}`,
        methods: VISIT_METHODS.map((m) => ({ value: m, text: METHOD_LABELS[m] })),
        enforcement: ENFORCEMENT_ACTIONS.map((a) => ({ value: a, text: ENFORCEMENT_LABELS[a] })),
      }),
      { connectTo: [origin] },
    );
  };
}
