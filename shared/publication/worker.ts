/**
 * What follows each change in a visit's publication (the `PublicationChanged` event):
 * - submitted: a reviewer is assigned (imported for the region, or configured) and the review starts;
 * - in review: the reviewer is emailed a link;
 * - returned: the inspector is emailed that the findings came back, with a link to the form;
 * - approved: each provider or LA contact is emailed a link to the draft, for factual accuracy;
 * - a factual accuracy comment: the reviewer is emailed that it waits for an answer;
 * - published, amended, withdrawn: the documents, the index and the notices (publish-report.ts).
 * Safe to run again for the same change: every effect is idempotent.
 */
import type { Contact, Reviewer, Visit } from '../domain/types';
import type { NotifyMessage } from '../notify/messages';
import type { HistoryEntry, Publication } from './lifecycle';
import type { PublicationChanged, PublicationPorts } from './ports';
import { act } from './publication-service';
import { publishEdition, type PublisherPorts } from './publish-report';
import { reviewerFor, type ReviewerMailboxes } from './people';

export interface WorkerPorts extends PublicationPorts, PublisherPorts {
  getVisit(visitId: string): Promise<Visit | undefined>;
  reviewersOf(region: string): Promise<Reviewer[]>;
  readonly reviewerMailboxes: ReviewerMailboxes;
  contactsOf(visit: Visit): Promise<Contact[]>;
  warn(message: string, detail: Record<string, unknown>): void;
}

export type WorkerOutcome =
  | { readonly did: 'nothing'; readonly why: string }
  | { readonly did: 'assigned-reviewer'; readonly reviewer: string }
  | { readonly did: 'queued'; readonly messages: number }
  | { readonly did: 'published'; readonly edition: number; readonly current: boolean; readonly queued: number };

async function startReview(ports: WorkerPorts, visit: Visit): Promise<WorkerOutcome> {
  const reviewer = reviewerFor(visit.region, await ports.reviewersOf(visit.region), ports.reviewerMailboxes);
  if (!reviewer) {
    // Nothing to send it to: the findings wait as submitted; ops can see it with `npm run visit -- status`.
    ports.warn('no reviewer for the region: import reviewers or set REVIEWER_MAILBOXES', { visitId: visit.visitId, region: visit.region });
    return { did: 'nothing', why: `no reviewer for ${visit.region}` };
  }
  const result = await act(ports, visit.visitId, { action: 'start-review', reviewer, by: 'system' });
  if (result.outcome === 'refused') return { did: 'nothing', why: result.reason };
  return { did: 'assigned-reviewer', reviewer };
}

/** The state an entry's emails still make sense in (an event handled late must not ask for work already done). */
const STILL: Partial<Record<HistoryEntry['action'], Publication['state']>> = {
  'start-review': 'in-review',
  return: 'returned',
  approve: 'factual-accuracy',
  comment: 'factual-accuracy',
};

function emailsFor(p: Publication, entry: HistoryEntry, visit: Visit): NotifyMessage[] {
  // A comment stays to be answered across versions (accepting another makes a new version).
  if (STILL[entry.action] !== p.state || (entry.action !== 'comment' && p.version !== entry.version)) return [];
  switch (entry.action) {
    case 'start-review':
      return p.reviewer ? [{ kind: 'review', visitId: visit.visitId, version: entry.version, email: p.reviewer }] : [];
    case 'return':
      return visit.inspector ? [{ kind: 'returned', visitId: visit.visitId, seq: entry.seq, email: visit.inspector }] : [];
    case 'approve':
      return (p.factualAccuracy?.contacts ?? []).map((email) => ({ kind: 'factual' as const, visitId: visit.visitId, version: entry.version, email }));
    case 'comment':
      return p.reviewer ? [{ kind: 'comment', visitId: visit.visitId, seq: entry.seq, email: p.reviewer }] : [];
    default:
      return [];
  }
}

export async function handlePublicationChanged(ports: WorkerPorts, change: PublicationChanged): Promise<WorkerOutcome> {
  const publication = await ports.getPublication(change.visitId);
  const entry = publication?.history.find((h) => h.seq === change.seq);
  if (!publication || !entry) return { did: 'nothing', why: `no history entry ${change.seq} for visit ${change.visitId}` };
  const visit = await ports.getVisit(change.visitId);
  if (!visit) return { did: 'nothing', why: `visit ${change.visitId} not found` };
  if (entry.action === 'submit') {
    // Only the latest submission starts a review (an older event may arrive late).
    return publication.state === 'submitted' && publication.version === entry.version
      ? startReview(ports, visit)
      : { did: 'nothing', why: 'a later change came first' };
  }
  if (entry.action === 'publish' || entry.action === 'amend' || entry.action === 'withdraw') {
    const out = await publishEdition(ports, publication, entry);
    return out.edition === undefined ? { did: 'nothing', why: 'not an edition' } : { did: 'published', ...out };
  }
  const messages = emailsFor(publication, entry, visit);
  if (entry.action === 'approve' && messages.length === 0)
    ports.warn('no factual accuracy contact: import contacts for the provider or LA; the window runs anyway', { visitId: visit.visitId });
  await ports.queue(messages);
  return messages.length ? { did: 'queued', messages: messages.length } : { did: 'nothing', why: `nothing follows ${entry.action}` };
}
