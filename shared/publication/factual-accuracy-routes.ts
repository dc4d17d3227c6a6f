/**
 * The provider's or LA's factual accuracy page, behind a signed link for a contact the draft was
 * sent to, open only while the window is:
 *   GET  /factual-accuracy/{visitId}?token=...   the draft public report (marked DRAFT, never indexed)
 *                                                and a form: comments per section, or "no comments"
 *   POST /factual-accuracy/{visitId}?token=...   the comments (each one a comment the reviewer answers)
 * Only the public report is shown here: the briefing is never.
 */
import { randomUUID } from 'node:crypto';
import { ukDate } from '../domain/dates';
import { textProblem } from '../domain/text';
import { renderReportBody } from '../reports/render-html';
import { reportSections } from '../reports/sections';
import { html } from '../web/http';
import { renderTemplate } from '../web/render';
import { formOf, safeDecode, type WebRequest } from '../web/request';
import { draftDocuments, type DocumentSources } from './documents';
import { stepOpen, type Publication, type PublicationCommand } from './lifecycle';
import { noindex, pageMessage, redirect, type Problem } from './page-parts';
import type { WithPublication } from './ports';
import type { ActResult } from './publication-service';
import type { FactualAccuracyComment } from './records';
import { ROLE_TOKEN_MESSAGES, verifyRoleToken } from './role-links';

export interface FactualAccuracyPageDeps {
  secret(): Promise<string>;
  now(): Date;
  getPublication(visitId: string): Promise<Publication | undefined>;
  loadSources(visitId: string, version: number): Promise<DocumentSources>;
  listComments(visitId: string): Promise<FactualAccuracyComment[]>;
  act(visitId: string, command: PublicationCommand, extras?: (next: Publication) => readonly WithPublication[]): Promise<ActResult>;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_COMMENT = 5_000;

interface Context {
  readonly visitId: string;
  readonly token: string;
  readonly contact: string;
  readonly publication: Publication;
}

async function render(deps: FactualAccuracyPageDeps, c: Context, status: number, problems: Problem[] = [], values: Record<string, string> = {}, sent?: string) {
  const { report } = draftDocuments(await deps.loadSources(c.visitId, c.publication.version), c.publication, deps.now().toISOString());
  const mine = (await deps.listComments(c.visitId)).filter((m) => m.by === c.contact && m.version <= c.publication.version);
  const said = c.publication.history.some((h) => h.action === 'no-comments' && h.by === c.contact);
  return noindex(
    html(
      status,
      renderTemplate('publication/factual-accuracy.njk', {
        pageTitle: `${problems.length ? 'Error: ' : ''}DRAFT: check for factual accuracy: ${report.title}`,
        report,
        closesOn: ukDate(c.publication.factualAccuracy!.closesOn),
        sections: reportSections(report).map((s) => ({ ...s, value: values[`section-${s.id}`] ?? '' })),
        draft: renderReportBody(report, 'draft-'),
        mine: mine.map((m) => ({
          heading: m.sectionHeading,
          text: m.text,
          at: ukDate(m.at),
          answer: m.decision ? `${m.decision.accepted ? 'Accepted' : 'Not accepted'}: ${m.decision.reason}` : 'Not answered yet',
        })),
        said,
        sent,
        action: `/factual-accuracy/${encodeURIComponent(c.visitId)}?token=${encodeURIComponent(c.token)}`,
        problems,
        hasComments: values.hasComments,
      }),
    ),
  );
}

async function post(
  deps: FactualAccuracyPageDeps,
  c: Context,
  request: WebRequest,
): Promise<{ problems: Problem[]; values: Record<string, string> } | { sent: string }> {
  const form = formOf(request);
  const values = Object.fromEntries(form.entries());
  const has = form.get('hasComments');
  if (has !== 'yes' && has !== 'no') return { problems: [{ href: 'hasComments', text: 'Select whether you have comments on the draft' }], values };
  if (has === 'no') {
    const r = await deps.act(c.visitId, { action: 'no-comments', by: c.contact });
    return r.outcome === 'refused' ? { problems: [{ href: 'hasComments', text: r.reason }], values } : { sent: 'none' };
  }
  const { report } = draftDocuments(await deps.loadSources(c.visitId, c.publication.version), c.publication, deps.now().toISOString());
  const sections = reportSections(report);
  const given = sections.map((s) => ({ s, text: (form.get(`section-${s.id}`) ?? '').trim() })).filter((g) => g.text !== '');
  const problems: Problem[] = [];
  if (given.length === 0) problems.push({ href: `section-${sections[0]!.id}`, text: 'Enter a comment on at least one section, or choose "No"' });
  for (const g of given) {
    const bad = textProblem(g.text);
    if (g.text.length > MAX_COMMENT)
      problems.push({ href: `section-${g.s.id}`, text: `The comment on ${g.s.heading} must be ${MAX_COMMENT} characters or fewer` });
    else if (bad) problems.push({ href: `section-${g.s.id}`, text: `The comment on ${g.s.heading} ${bad.message}` });
  }
  if (problems.length) return { problems, values };
  for (const g of given) {
    const at = deps.now().toISOString();
    const comment: FactualAccuracyComment = {
      visitId: c.visitId,
      commentId: `${at.replace(/[^0-9]/g, '')}-${randomUUID().slice(0, 8)}`,
      version: c.publication.version,
      section: g.s.id,
      sectionHeading: g.s.heading,
      text: g.text,
      by: c.contact,
      at,
    };
    const r = await deps.act(c.visitId, { action: 'comment', commentId: comment.commentId, by: c.contact }, () => [{ kind: 'comment', comment }]);
    if (r.outcome === 'refused') return { problems: [{ href: `section-${g.s.id}`, text: r.reason }], values };
  }
  return { sent: String(given.length) };
}

export function createFactualAccuracyPage(deps: FactualAccuracyPageDeps) {
  return async (request: WebRequest) => {
    const visitId = safeDecode(/^\/factual-accuracy\/([^/]+)$/.exec(request.path)?.[1] ?? '');
    if (!ID.test(visitId)) return pageMessage(404, 'Page not found', ['If you used a link from an email, copy the whole link.']);
    if (request.method !== 'GET' && request.method !== 'POST') return pageMessage(405, 'That did not work', ['Use the button on the page.']);
    const token = request.query.token;
    const check = verifyRoleToken(await deps.secret(), token, 'provider', visitId, deps.now());
    if (!check.ok) return pageMessage(403, 'You cannot use this link', [ROLE_TOKEN_MESSAGES[check.reason]]);
    const publication = await deps.getPublication(visitId);
    const today = deps.now().toISOString().slice(0, 10);
    if (!publication?.factualAccuracy?.contacts.includes(check.subject))
      return pageMessage(403, 'You cannot use this link', ['This draft was not sent to you. Use the link in the email we sent you.']);
    if (!stepOpen('provider', publication, today)) {
      return pageMessage(410, 'The factual accuracy check has closed', [
        `Comments closed at the end of ${ukDate(publication.factualAccuracy.closesOn)}. ${publication.state === 'published' || publication.state === 'amended' ? 'The report has been published.' : publication.state === 'withdrawn' ? 'The report was withdrawn.' : 'The report will be published as reviewed.'}`,
      ]);
    }
    const c: Context = { visitId, token: token!, contact: check.subject, publication };
    if (request.method === 'GET') return render(deps, c, 200, [], {}, request.query.sent);
    const outcome = await post(deps, c, request);
    if ('problems' in outcome) return render(deps, c, 400, outcome.problems, outcome.values);
    return redirect(`/factual-accuracy/${encodeURIComponent(visitId)}?token=${encodeURIComponent(token!)}&sent=${outcome.sent}`);
  };
}
