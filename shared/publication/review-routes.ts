/**
 * The reviewer's page (a manager who quality-assures findings), behind a signed link for the
 * reviewer the findings were assigned to, open while the findings are in review, out for factual
 * accuracy or ready:
 *   GET  /review/{visitId}?token=...   the state and history, the draft public report, the draft
 *                                      briefing, the decision forms
 *   POST /review/{visitId}?token=...   approve | return (with comments) | decide (a factual accuracy
 *                                      comment: accepted, with corrected text, or not, with a reason)
 *                                      | enforcement (record enforcement action taken)
 * A POST that works redirects back to the page (303) with what was done; one that does not shows
 * the page again with a GOV.UK error summary.
 */
import { randomUUID } from 'node:crypto';
import { parseUkDate, ukDate } from '../domain/dates';
import { textProblem } from '../domain/text';
import { ENFORCEMENT_ACTIONS, type Contact, type EnforcementAction, type Visit } from '../domain/types';
import { ENFORCEMENT_LABELS, type FindingsVersion } from '../findings/schema';
import { renderReportBody } from '../reports/render-html';
import { reportSections } from '../reports/sections';
import { html } from '../web/http';
import { renderTemplate } from '../web/render';
import { formOf, safeDecode, type WebRequest } from '../web/request';
import { correctedVersion, sectionText } from './corrections';
import { draftDocuments, type DocumentSources } from './documents';
import { stepOpen, type Publication, type PublicationCommand } from './lifecycle';
import type { WithPublication } from './ports';
import type { ActResult } from './publication-service';
import type { FactualAccuracyComment } from './records';
import { ROLE_TOKEN_MESSAGES, verifyRoleToken } from './role-links';
import { historyRows, noindex, pageMessage, redirect, STATE_LABELS, type Problem } from './page-parts';

export interface ReviewPageDeps {
  secret(): Promise<string>;
  now(): Date;
  getPublication(visitId: string): Promise<Publication | undefined>;
  loadSources(visitId: string, version: number): Promise<DocumentSources>;
  latestVersion(visitId: string): Promise<FindingsVersion | undefined>;
  listComments(visitId: string): Promise<FactualAccuracyComment[]>;
  contactsOf(visit: Visit): Promise<Contact[]>;
  act(visitId: string, command: PublicationCommand, extras?: (next: Publication) => readonly WithPublication[]): Promise<ActResult>;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;
const DONE: Record<string, string> = {
  approved: 'Approved. The draft has gone to the provider or local authority for a factual accuracy check.',
  returned: 'Returned to the inspector with your comments.',
  decided: 'Your answer to the comment is recorded.',
  enforcement: 'The enforcement action taken is recorded: it is in the public report.',
};

interface Context {
  readonly visitId: string;
  readonly token: string;
  readonly reviewer: string;
  readonly publication: Publication;
}

async function render(deps: ReviewPageDeps, c: Context, status: number, problems: Problem[] = [], done?: string) {
  const sources = await deps.loadSources(c.visitId, c.publication.version);
  const { report, briefing } = draftDocuments(sources, c.publication, deps.now().toISOString());
  const sections = reportSections(report);
  const comments = (await deps.listComments(c.visitId)).filter((m) => m.version <= c.publication.version);
  const contacts = c.publication.state === 'in-review' ? await deps.contactsOf(sources.visit) : [];
  const action = `/review/${encodeURIComponent(c.visitId)}?token=${encodeURIComponent(c.token)}`;
  return noindex(
    html(
      status,
      renderTemplate('publication/review.njk', {
        pageTitle: `${problems.length ? 'Error: ' : ''}Review findings: ${sources.visit.targetName}`,
        visit: sources.visit,
        p: c.publication,
        stateLabel: STATE_LABELS[c.publication.state],
        inspector: sources.findings.inspector,
        faWindow: c.publication.factualAccuracy
          ? {
              opens: ukDate(c.publication.factualAccuracy.opensOn),
              closes: ukDate(c.publication.factualAccuracy.closesOn),
              contacts: c.publication.factualAccuracy.contacts,
            }
          : undefined,
        publishOn: c.publication.publishOn ? ukDate(c.publication.publishOn) : undefined,
        contacts: contacts.map((k) => `${k.name} (${k.email})`),
        comments: comments.map((m) => {
          const section = sections.find((s) => s.id === m.section);
          return {
            ...m,
            at: ukDate(m.at),
            editable: Boolean(section?.field ?? section?.visitDates) && !m.decision,
            datesHint: section?.visitDates === true,
            current: section ? sectionText(sources.findings.findings, section) : undefined,
          };
        }),
        history: historyRows(c.publication),
        draft: renderReportBody(report, 'draft-'),
        restricted: briefing.restricted,
        enforcementOptions: ENFORCEMENT_ACTIONS.filter((a) => a !== 'none').map((a) => ({ value: a, text: ENFORCEMENT_LABELS[a] })),
        enforcementTaken: report.enforcementTaken,
        action,
        problems,
        done: done ? DONE[done] : undefined,
      }),
    ),
  );
}

async function decideComment(deps: ReviewPageDeps, c: Context, form: URLSearchParams): Promise<Problem[] | ActResult> {
  const comment = (await deps.listComments(c.visitId)).find((m) => m.commentId === form.get('commentId'));
  if (!comment) return [{ href: 'comments', text: 'That comment is not on these findings any more: reload the page.' }];
  const accepted = form.get(`accepted-${comment.commentId}`);
  const reason = (form.get(`reason-${comment.commentId}`) ?? '').trim();
  const text = (form.get(`text-${comment.commentId}`) ?? '').trim();
  const problems: Problem[] = [];
  if (accepted !== 'yes' && accepted !== 'no') problems.push({ href: `accepted-${comment.commentId}`, text: 'Select whether the comment is accepted' });
  if (!reason)
    problems.push({
      href: `reason-${comment.commentId}`,
      text: accepted === 'no' ? 'Give the reason the comment is not accepted' : 'Say what was done about the comment',
    });
  const bad = textProblem(reason) ?? textProblem(text);
  if (bad) problems.push({ href: `reason-${comment.commentId}`, text: `The text ${bad.message}` });
  if (problems.length) return problems;
  const now = deps.now().toISOString();
  let version: FindingsVersion | undefined;
  if (accepted === 'yes' && text) {
    const latest = await deps.latestVersion(c.visitId);
    const sources = await deps.loadSources(c.visitId, c.publication.version);
    const section = reportSections(draftDocuments(sources, c.publication, now).report).find((s) => s.id === comment.section);
    const made =
      latest && section
        ? correctedVersion({ latest, section, text, visit: sources.visit, reviewer: c.reviewer, now, submissionId: `review-${randomUUID()}` })
        : { problem: 'The section is not in the report any more.' };
    if (made.problem) return [{ href: `text-${comment.commentId}`, text: made.problem }];
    version = made.version;
  }
  const decided: FactualAccuracyComment = {
    ...comment,
    decision: { accepted: accepted === 'yes', reason, by: c.reviewer, at: now, ...(version ? { newVersion: version.version } : {}) },
  };
  const result = await deps.act(
    c.visitId,
    {
      action: 'decide-comment',
      commentId: comment.commentId,
      accepted: accepted === 'yes',
      reason,
      by: c.reviewer,
      ...(version ? { newVersion: version.version } : {}),
    },
    () => [...(version ? [{ kind: 'findings-version' as const, version }] : []), { kind: 'comment', comment: decided }],
  );
  // The last answer after the window has closed: ready to publish now, not tomorrow.
  if (result.outcome === 'changed') await deps.act(c.visitId, { action: 'close-window', by: c.reviewer });
  return result;
}

async function post(deps: ReviewPageDeps, c: Context, request: WebRequest): Promise<Problem[] | { done: string; result: ActResult }> {
  const form = formOf(request);
  const what = form.get('action');
  if (what === 'approve' || what === 'return') {
    const decision = form.get('decision');
    if (decision !== 'approve' && decision !== 'return')
      return [{ href: 'decision', text: 'Select whether to approve the findings or return them to the inspector' }];
    if (decision === 'return') {
      const comments = (form.get('returnComments') ?? '').trim();
      const bad = textProblem(comments);
      if (!comments || bad) return [{ href: 'returnComments', text: bad ? `The comments ${bad.message}` : 'Enter your comments for the inspector' }];
      return { done: 'returned', result: await deps.act(c.visitId, { action: 'return', reason: comments, by: c.reviewer }) };
    }
    const sources = await deps.loadSources(c.visitId, c.publication.version);
    const contacts = (await deps.contactsOf(sources.visit)).map((k) => k.email);
    return { done: 'approved', result: await deps.act(c.visitId, { action: 'approve', contacts, by: c.reviewer }) };
  }
  if (what === 'decide') {
    const r = await decideComment(deps, c, form);
    return Array.isArray(r) ? r : { done: 'decided', result: r };
  }
  if (what === 'enforcement') {
    const action = form.get('enforcementTaken') as EnforcementAction | null;
    const date = parseUkDate(`${form.get('enforcementDate-day') ?? ''}/${form.get('enforcementDate-month') ?? ''}/${form.get('enforcementDate-year') ?? ''}`);
    const problems: Problem[] = [];
    if (!action || !ENFORCEMENT_ACTIONS.includes(action) || action === 'none')
      problems.push({ href: 'enforcementTaken', text: 'Select the enforcement action taken' });
    if (!date) problems.push({ href: 'enforcementDate-day', text: 'Enter the date the action was taken, for example 14 9 2020' });
    if (problems.length) return problems;
    return {
      done: 'enforcement',
      result: await deps.act(c.visitId, {
        action: 'record-enforcement',
        enforcement: { action: action as Exclude<EnforcementAction, 'none'>, date: date! },
        by: c.reviewer,
      }),
    };
  }
  return [{ href: 'decision', text: 'Choose what to do' }];
}

export function createReviewPage(deps: ReviewPageDeps) {
  return async (request: WebRequest) => {
    const visitId = safeDecode(/^\/review\/([^/]+)$/.exec(request.path)?.[1] ?? '');
    if (!ID.test(visitId)) return pageMessage(404, 'Page not found', ['If you used a link from an email, copy the whole link.']);
    if (request.method !== 'GET' && request.method !== 'POST') return pageMessage(405, 'That did not work', ['Use the buttons on the page.']);
    const token = request.query.token;
    const check = verifyRoleToken(await deps.secret(), token, 'reviewer', visitId, deps.now());
    if (!check.ok) return pageMessage(403, 'You cannot use this link', [ROLE_TOKEN_MESSAGES[check.reason]]);
    const publication = await deps.getPublication(visitId);
    if (!publication || publication.reviewer !== check.subject)
      return pageMessage(403, 'You cannot use this link', [
        'These findings are assigned to another reviewer. Ask the planning team if you should be reviewing them.',
      ]);
    if (!stepOpen('reviewer', publication, deps.now().toISOString().slice(0, 10))) {
      return pageMessage(410, 'The review is over', [
        `This visit's findings are now: ${STATE_LABELS[publication.state].toLowerCase()}. There is nothing more to review.`,
      ]);
    }
    const c: Context = { visitId, token: token!, reviewer: check.subject, publication };
    if (request.method === 'GET') return render(deps, c, 200, [], request.query.done);
    const outcome = await post(deps, c, request);
    if (Array.isArray(outcome)) return render(deps, c, 400, outcome);
    if (outcome.result.outcome === 'refused')
      return render(deps, { ...c, publication: (await deps.getPublication(visitId)) ?? publication }, 409, [{ href: 'decision', text: outcome.result.reason }]);
    return redirect(`/review/${encodeURIComponent(visitId)}?token=${encodeURIComponent(token!)}&done=${outcome.done}`);
  };
}
