/**
 * The two documents of a visit at a point in its publication: the draft (for the reviewer, the
 * contacts and the inspector's check), or a public edition (its amendment note included), each
 * with its briefing. Pure: the sources come in already read.
 */
import type { IntelligenceSignal, LaOutcome, Provider, Visit } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import { buildReport, type Briefing, type PublicReport } from '../reports/report-model';
import type { HistoryEntry, Publication } from './lifecycle';

export interface DocumentSources {
  readonly visit: Visit;
  readonly findings: FindingsVersion;
  readonly provider?: Provider;
  readonly laOutcome?: LaOutcome;
  readonly signals: readonly IntelligenceSignal[];
}

export interface VisitDocuments {
  readonly report: PublicReport;
  readonly briefing: Briefing;
}

/** A draft: marked DRAFT, never stored, dated now. */
export function draftDocuments(sources: DocumentSources, publication: Publication | undefined, now: string): VisitDocuments {
  return buildReport({ ...sources, enforcementRecorded: publication?.enforcementTaken ?? [], status: 'draft', edition: 0, publishedAt: now });
}

/** The actions that make a public edition. */
export const EDITION_ACTIONS = ['publish', 'amend', 'withdraw'] as const;

/** Which edition a history entry made (publish: 1, each amendment and the withdrawal: the next), or undefined. */
export function editionOf(publication: Publication, entry: HistoryEntry): number | undefined {
  if (!(EDITION_ACTIONS as readonly string[]).includes(entry.action)) return undefined;
  return publication.history.filter((h) => h.seq <= entry.seq && (EDITION_ACTIONS as readonly string[]).includes(h.action)).length;
}

/** The entry that made the edition now public: the last publish, amend or withdraw. */
export function latestEditionEntry(publication: Publication): HistoryEntry | undefined {
  return [...publication.history].reverse().find((h) => (EDITION_ACTIONS as readonly string[]).includes(h.action));
}

/** A public edition: the text of the entry's findings version, first published when the report first was, with the amendment's note. */
export function editionDocuments(sources: DocumentSources, publication: Publication, entry: HistoryEntry): VisitDocuments {
  const publishedAt = publication.publishedAt ?? entry.at;
  const amendment = entry.action === 'amend' ? { note: entry.reason ?? 'Amended.', at: entry.at } : undefined;
  return buildReport({
    ...sources,
    enforcementRecorded: publication.enforcementTaken,
    status: amendment ? 'amended' : 'published',
    edition: editionOf(publication, entry) ?? publication.edition,
    publishedAt,
    ...(amendment ? { amendment } : {}),
  });
}
