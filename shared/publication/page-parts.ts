/** What the publication pages share: messages, redirects, the history table, state names, "never index this". */
import { ukDate } from '../domain/dates';
import { html, securityHeaders } from '../web/http';
import type { Publication, PublicationState } from './lifecycle';

/** One problem for a GOV.UK error summary: the field it links to, and what to do. */
export interface Problem {
  readonly href: string;
  readonly text: string;
}

export const STATE_LABELS: Record<PublicationState, string> = {
  submitted: 'Submitted, waiting for a reviewer',
  'in-review': 'In review',
  returned: 'Returned to the inspector',
  'factual-accuracy': 'Out for a factual accuracy check',
  ready: 'Ready to publish',
  published: 'Published',
  amended: 'Published, amended',
  withdrawn: 'Withdrawn',
};

const ACTION_LABELS: Record<string, string> = {
  submit: 'Findings submitted',
  'start-review': 'Sent to the reviewer',
  return: 'Returned to the inspector',
  approve: 'Approved: draft sent for factual accuracy',
  'record-enforcement': 'Enforcement action taken recorded',
  comment: 'Factual accuracy comment received',
  'no-comments': 'No factual accuracy comments',
  'decide-comment': 'Factual accuracy comment answered',
  'close-window': 'Factual accuracy window closed',
  publish: 'Published',
  amend: 'Amended',
  withdraw: 'Withdrawn',
};

/** Restricted pages are never indexed, never cached. */
export function noindex<T extends { headers?: Record<string, string | number | boolean> }>(response: T): T {
  return { ...response, headers: { ...response.headers, 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'no-store' } };
}

/**
 * A message page (a refused link, a closed step). The renderer is imported on first use: the
 * briefing page otherwise only serves briefings rendered at publication, and need not load the
 * template engine at every cold start.
 */
export async function pageMessage(status: number, heading: string, paragraphs: string[]) {
  const { renderTemplate } = await import('../web/render');
  return noindex(html(status, renderTemplate('errors/message.njk', { pageTitle: heading, heading, paragraphs })));
}

/** After a form that worked: back to the page (POST-redirect-GET), so a refresh does not post again. */
export function redirect(location: string) {
  return { statusCode: 303, headers: { ...securityHeaders(), location, 'x-robots-tag': 'noindex, nofollow' }, body: '' };
}

export function historyRows(p: Publication) {
  return [...p.history]
    .reverse()
    .map((h) => [
      { text: ukDate(h.at) + ' ' + h.at.slice(11, 16) },
      { text: ACTION_LABELS[h.action] ?? h.action },
      { text: `Version ${h.version}` },
      { text: h.by },
      { text: [h.accepted === undefined ? '' : h.accepted ? 'Accepted.' : 'Not accepted.', h.reason ?? ''].join(' ').trim() },
    ]);
}
