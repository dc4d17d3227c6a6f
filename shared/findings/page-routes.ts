/**
 * The inspector's pages, with their dependencies injected:
 *   GET  /visits/{visitId}/findings?token=...              the GOV.UK form (or, once findings are in, their status, read-only)
 *   POST /visits/{visitId}/preview?token=...               "check your answers": the public report as it will read
 *   GET  /visits/{visitId}/submissions/{id}?token=...      received -> sent for review / repeat / not accepted
 *   GET  /assets/...                                       GOV.UK's CSS, fonts and images, the form's script
 * A link that is tampered with, expired or for another visit gets a 403 page and no upload form.
 * The form is offered only while the findings can take a new version (none yet, or returned by the
 * reviewer, with the reviewer's comments and the last answers filled in); after that the link shows
 * where the findings are, so Back after submitting says "already submitted".
 */
import { randomUUID } from 'node:crypto';
import { ukDate } from '../domain/dates';
import { ENFORCEMENT_ACTIONS, VISIT_METHODS, type Visit } from '../domain/types';
import type { DocumentSources } from '../publication/documents';
import { draftDocuments } from '../publication/documents';
import type { Publication } from '../publication/lifecycle';
import { renderReportBody } from '../reports/render-html';
import { assetResponse } from '../web/asset-response';
import type { AssetCatalogue } from '../web/assets';
import { html, json } from '../web/http';
import { renderTemplate } from '../web/render';
import { safeDecode, type WebRequest } from '../web/request';
import { formValues } from './form-values';
import {
  AUDIENCE_HINTS,
  ENFORCEMENT_LABELS,
  FIELD_AUDIENCE,
  findingsRulesFor,
  findingsSchema,
  METHOD_LABELS,
  visitDateRange,
  type FindingsVersion,
} from './schema';
import type { SubmissionState } from './submission';
import { verifyVisitToken } from './visit-token';

export interface SubmissionStatus {
  readonly state: SubmissionState;
  readonly reasons?: readonly string[];
  readonly version?: number;
}

export interface FindingsPageDeps {
  getVisit(visitId: string): Promise<Visit | undefined>;
  getPublication(visitId: string): Promise<Publication | undefined>;
  latestVersion(visitId: string): Promise<FindingsVersion | undefined>;
  /** The provider, LA outcome and signals a draft is built from. */
  loadContext(visit: Visit): Promise<Omit<DocumentSources, 'visit' | 'findings'>>;
  getSecret(): Promise<string>;
  createPost(args: { visitId: string; submissionId: string; inspector: string }): Promise<{ url: string; fields: Record<string, string> }>;
  recordWaiting(visitId: string, submissionId: string, inspector: string): Promise<void>;
  getSubmissionStatus(visitId: string, submissionId: string): Promise<SubmissionStatus>;
  /** The public report's address once published. */
  publicUrl(visit: Visit): string;
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

/** The day the report was first published, from the publication's history (UK format). */
function publishedDay(publication: Publication): string | undefined {
  const entry = publication.history.find((h) => h.state === 'published');
  return entry ? ukDate(entry.at.slice(0, 10)) : undefined;
}

function message(status: number, heading: string, paragraphs: string[]) {
  return html(status, renderTemplate('errors/message.njk', { pageTitle: heading, heading, paragraphs }));
}

const notFound = () =>
  message(404, 'Page not found', ['If you typed the web address, check it is correct.', 'If you used a link from an email, copy the whole link.']);

function context(visit: Visit) {
  return [
    { key: { text: visit.kind === 'la' ? 'Local authority' : 'Provider' }, value: { text: visit.targetName } },
    ...(visit.kind === 'provider'
      ? [
          { key: { text: 'URN' }, value: { text: visit.target } },
          { key: { text: 'Provision type' }, value: { text: visit.provisionType ?? 'Not known' } },
        ]
      : []),
    { key: { text: 'Local authority area' }, value: { text: visit.localAuthority } },
    { key: { text: 'Ofsted region' }, value: { text: visit.region } },
    { key: { text: 'Planned week' }, value: { text: `Week commencing ${ukDate(visit.week)} (notice given ${ukDate(visit.noticeDate)})` } },
  ];
}

/** Where the findings are, in the inspector's words, once the form is no longer offered. */
const LOCKED_WORDS: Partial<Record<Publication['state'], string>> = {
  submitted:
    'Your findings have been sent for review. Nothing is published until a reviewer approves them and the provider or local authority has checked the draft.',
  'in-review': 'Your findings are with the reviewer. If something must change, ask them to return the findings to you.',
  'factual-accuracy': 'Your reviewer approved the findings. The provider or local authority is checking the draft report for factual accuracy.',
  ready: 'The report is ready and will be published on its publication date.',
  published: 'The report is published.',
  amended: 'The report is published (amended since).',
  withdrawn: 'The report was withdrawn.',
};

/** Each question's hint ends with who reads the answer. */
const HINTS = Object.fromEntries(Object.entries(FIELD_AUDIENCE).map(([k, a]) => [k, AUDIENCE_HINTS[a]]));

async function form(deps: FindingsPageDeps, visit: Visit, inspector: string, tokenQuery: string, publication: Publication | undefined) {
  const submissionId = randomUUID();
  const upload = await deps.createPost({ visitId: visit.visitId, submissionId, inspector });
  await deps.recordWaiting(visit.visitId, submissionId, inspector);
  const returned = publication?.state === 'returned' ? await deps.latestVersion(visit.visitId) : undefined;
  const values = formValues(returned?.findings);
  const dates = visitDateRange(visit.week, deps.now().toISOString().slice(0, 10));
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
      statusUrl: `/visits/${encodeURIComponent(visit.visitId)}/submissions/${submissionId}?${tokenQuery}`,
      previewUrl: `/visits/${encodeURIComponent(visit.visitId)}/preview?${tokenQuery}`,
      methods: VISIT_METHODS.map((m) => ({ value: m, text: METHOD_LABELS[m], checked: values.method === m })),
      enforcement: ENFORCEMENT_ACTIONS.map((a) => ({ value: a, text: ENFORCEMENT_LABELS[a], checked: values.enforcementAction === a })),
      v: values,
      hints: HINTS,
      dates,
      returnComments: publication?.state === 'returned' ? publication.returnComments : undefined,
      returnedVersion: returned?.version,
    }),
    { connectTo: [origin] },
  );
}

function locked(deps: FindingsPageDeps, visit: Visit, publication: Publication) {
  const published = ['published', 'amended'].includes(publication.state);
  return html(
    200,
    renderTemplate('findings/locked.njk', {
      pageTitle: published ? 'Findings published' : 'Findings already submitted',
      heading: published ? 'Findings published' : publication.state === 'withdrawn' ? 'Report withdrawn' : 'You have already submitted findings for this visit',
      visit,
      version: publication.version,
      words: LOCKED_WORDS[publication.state],
      publicUrl: published ? deps.publicUrl(visit) : undefined,
      // Once published, the day it was published (an early publication is earlier than the date set).
      publishOn: published ? undefined : publication.publishOn ? ukDate(publication.publishOn) : undefined,
      publishedOn: published ? publishedDay(publication) : undefined,
    }),
  );
}

/** "Check your answers": the draft public report from the candidate findings, and the restricted answers apart. */
async function preview(deps: FindingsPageDeps, visit: Visit, body: string | undefined) {
  let candidate: unknown;
  try {
    candidate = JSON.parse(body ?? '');
  } catch {
    return json(400, { problems: ['The answers could not be read: reload the page and try again.'] });
  }
  const parsed = findingsSchema().safeParse(candidate);
  if (!parsed.success) return json(400, { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  const rules = findingsRulesFor({ kind: visit.kind, visitDates: visitDateRange(visit.week, deps.now().toISOString().slice(0, 10)) }, parsed.data);
  if (rules.length) return json(400, { problems: rules.map((r) => `${r.path}: ${r.message}`) });
  const [latest, context, publication] = await Promise.all([deps.latestVersion(visit.visitId), deps.loadContext(visit), deps.getPublication(visit.visitId)]);
  const findings: FindingsVersion = {
    visitId: visit.visitId,
    version: (latest?.version ?? 0) + 1,
    submissionId: 'preview',
    inspector: 'preview',
    receivedAt: deps.now().toISOString(),
    s3Key: '',
    findings: parsed.data,
  };
  const { report, briefing } = draftDocuments({ ...context, visit, findings }, publication, deps.now().toISOString());
  const x = briefing.restricted;
  const rows = [
    ['Serious concerns', x.seriousConcerns.raised ? `Yes. ${x.seriousConcerns.description.join(' ')}` : 'No'],
    ...(visit.kind === 'provider' ? [['Enforcement action considered', x.enforcementConsidered ?? 'None']] : []),
    ['Notes for commissioners', x.notes.join(' ') || 'None'],
  ].map(([k, value]) => ({ key: { text: k }, value: { text: value } }));
  const restricted = renderTemplate('findings/_restricted-answers.njk', { rows });
  return json(200, { report: renderReportBody(report, 'preview-'), restricted });
}

async function status(deps: FindingsPageDeps, visit: Visit, submissionId: string, request: WebRequest, tokenQuery: string) {
  if (!ID.test(submissionId)) return notFound();
  const s = await deps.getSubmissionStatus(visit.visitId, submissionId);
  if (request.query.format === 'json') return json(200, s);
  const final = ['accepted', 'repeat', 'rejected'].includes(s.state);
  return html(
    200,
    renderTemplate('findings/status.njk', {
      pageTitle:
        { accepted: 'Findings sent for review', repeat: 'Findings already sent', rejected: 'Findings not accepted' }[s.state as string] ??
        'Checking your findings',
      visit,
      state: s.state,
      version: s.version,
      reasons: (s.reasons ?? []).map((text) => ({ text })),
      final,
      formUrl: `/visits/${encodeURIComponent(visit.visitId)}/findings?${tokenQuery}`,
    }),
  );
}

function asset(deps: FindingsPageDeps, request: WebRequest) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return message(405, 'That did not work', ['This page can only be read.']);
  return assetResponse(deps.assets(), { path: request.path, method: request.method, headers: request.headers ?? {} }) ?? notFound();
}

export function createFindingsPage(deps: FindingsPageDeps) {
  return async (request: WebRequest) => {
    const path = request.path;
    if (path.startsWith('/assets/')) return asset(deps, request);
    const m = /^\/visits\/([^/]+)\/(findings|preview|submissions\/([^/]+))$/.exec(path);
    const visitId = safeDecode(m?.[1] ?? '');
    if (!m || !ID.test(visitId)) return notFound();
    const isPreview = m[2] === 'preview';
    if (request.method !== (isPreview ? 'POST' : 'GET')) return message(405, 'That did not work', ['Findings are uploaded by the form.']);

    const token = request.query.token;
    const check = verifyVisitToken(await deps.getSecret(), token, visitId, deps.now());
    if (!check.ok) return message(403, 'You cannot use this link', [TOKEN_MESSAGES[check.reason]]);
    const visit = await deps.getVisit(visitId);
    if (!visit) return message(404, 'Visit not found', ['This visit is not in the programme any more. Ask the planning team whether it was withdrawn.']);
    const tokenQuery = `token=${encodeURIComponent(token!)}`;

    if (m[3] !== undefined) return status(deps, visit, safeDecode(m[3]), request, tokenQuery);
    if (isPreview) return preview(deps, visit, request.body);
    const publication = await deps.getPublication(visitId);
    if (publication && publication.state !== 'returned') return locked(deps, visit, publication);
    return form(deps, visit, check.inspector, tokenQuery, publication);
  };
}
