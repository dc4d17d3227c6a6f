/**
 * Single-table key layout. Every entity's partition/sort key and index keys are built here and
 * nowhere else, so a reader can see the whole table design on one page.
 *
 * | entity              | pk                      | sk                          | gsi1 (week)        | gsi2 (region; open providers) | gsi3 (LA)    | gsi4 (target)        |
 * |---------------------|-------------------------|-----------------------------|--------------------|-----------------------|--------------------|----------------------|
 * | provider            | PROVIDER#{urn}          | PROFILE                     |                    | OPEN_PROVIDERS#{shard} / {snapshotId}#{urn} (open only) | LA#{la} / PROVIDER#{urn} | |
 * | inspection event    | PROVIDER#{urn}          | INSPECTION#{date}#{event}   |                    |                       |                    |                      |
 * | LA outcome (ILACS)  | LA#{la}                 | OUTCOME                     |                    |                       |                    |                      |
 * | intelligence signal | PROVIDER#{urn} / LA#{la}| SIGNAL#{date}#{signalId}    |                    |                       |                    |                      |
 * | commissioner        | COMMISSIONER#{id}       | PROFILE                     | COMMISSIONERS / {id} |                       |                    |                      |
 * | contact (FA)        | PROVIDER#{urn} / LA#{la}| CONTACT#{email}             |                    |                       |                    |                      |
 * | reviewer            | REVIEWERS#{region}      | {email}                     |                    |                       |                    |                      |
 * | programme           | PROGRAMME#CURRENT / PROGRAMME#{id} | SUMMARY          |                    |                       |                    |                      |
 * | visit               | VISIT#{visitId}         | VISIT                       | WEEK#{week}        | REGION#{region}       | LA#{la}            | TARGET#{kind}#{target} |
 * | findings version    | VISIT#{visitId}         | FINDINGS#{v:000000}         |                    |                       |                    |                      |
 * | submission status   | VISIT#{visitId}         | SUBMISSION#{submissionId}   |                    |                       |                    |                      |
 * | publication         | VISIT#{visitId}         | PUBLICATION                 | PUBLICATION_DUE / {date}#{visitId} (only while a date is due) |  |           |                      |
 * | FA comment          | VISIT#{visitId}         | COMMENT#{commentId}         |                    |                       |                    |                      |
 * | report edition      | VISIT#{visitId}         | REPORT#{e:000000}           | PUBLISHED / {at}#{visitId}#{e} |           | LA#{la} / REPORT#{at}#{visitId} |          |
 * | report recipient    | VISIT#{visitId}         | RECIPIENT#{email}           |                    |                       |                    |                      |
 * | email sent          | EMAIL#{dedupeKey}       | SENT                        |                    |                       |                    |                      |
 * | suppression         | SUPPRESSED#{email}      | SUPPRESSED                  |                    |                       |                    |                      |
 * | import record       | IMPORT#{key}            | {etag}                      |                    |                       |                    |                      |
 * | provider snapshots  | SNAPSHOTS#providers     | LATEST                      |                    |                       |                    |                      |
 * | policy              | POLICY                  | CURRENT / V#{version}       |                    |                       |                    |                      |
 *
 * A visit out of the programme (dropped, deferred, cancelled) keeps only its gsi4 (target) keys.
 *
 * A visit's publication (its findings' review, factual accuracy check and publication) is one item
 * with its history in it, changed only by conditional writes (shared/publication/lifecycle.ts says
 * which transitions exist). While it waits for a date (the factual accuracy window closing, the
 * publication date) it sits in gsi1 under PUBLICATION_DUE, sorted by that date, so the daily
 * schedule reads only what is due.
 *
 * Emails are sent at most once per de-duplication key (`emailKeys` below builds every kind); the
 * kinds that belong to one visit start with `{KIND}#{visitId}#`, so erasing a visit finds them.
 *
 * Every item carries `entity` (the entity name) so a parallel Scan can pick entities by type.
 *
 * Open providers are also in gsi2, sorted by the snapshot that last listed them, so that closing the
 * providers a new snapshot leaves out reads only those providers (two range queries per shard)
 * instead of scanning the table. Closing a provider removes its gsi2 keys (a sparse index). The
 * partition is split into `openProviderShards` by a hash of the URN: a million-row snapshot rewrites
 * every open provider, and one index partition takes about 1,000 writes a second.
 */
import type { TargetKind } from './domain/types';

export type Entity =
  | 'provider'
  | 'inspection'
  | 'la-outcome'
  | 'signal'
  | 'commissioner'
  | 'contact'
  | 'reviewer'
  | 'programme'
  | 'visit'
  | 'findings'
  | 'submission'
  | 'publication'
  | 'comment'
  | 'report'
  | 'recipient'
  | 'email'
  | 'suppression'
  | 'import'
  | 'snapshot'
  | 'policy';

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

/** Zero-padded version numbers sort correctly as strings. */
export const versionSk = (prefix: string, version: number): string => `${prefix}#${String(version).padStart(6, '0')}`;

export const openProviderShards = 16;

/** FNV-1a of the URN: a stable, evenly spread shard number. */
export function openProviderShard(urn: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < urn.length; i++) h = Math.imul(h ^ urn.charCodeAt(i), 0x01000193);
  return (h >>> 0) % openProviderShards;
}

const PUBLICATION_DUE = 'PUBLICATION_DUE';

/** The kinds of email sent about one visit: their de-duplication keys start `{KIND}#{visitId}#`. */
export const VISIT_EMAIL_KINDS = ['REPORT', 'AMENDED', 'WITHDRAWN', 'REVIEW', 'RETURNED', 'FACTUAL', 'COMMENT', 'REMINDER'] as const;
export type VisitEmailKind = (typeof VISIT_EMAIL_KINDS)[number];

const address = (email: string) => email.trim().toLowerCase();

/**
 * De-duplication keys for emails (the mailer sends each key at most once). Each says what was
 * sent, about what, to whom: a repeat delivery of the same work builds the same key.
 */
export const emailKeys = {
  /** The report at publication (edition 1) to one commissioner. */
  report: (visitId: string, edition: number, email: string) => `REPORT#${visitId}#e${edition}#${address(email)}`,
  /** An amendment notice for one edition. */
  amended: (visitId: string, edition: number, email: string) => `AMENDED#${visitId}#e${edition}#${address(email)}`,
  withdrawn: (visitId: string, email: string) => `WITHDRAWN#${visitId}#${address(email)}`,
  /** A findings version sent to its reviewer. */
  review: (visitId: string, version: number, email: string) => `REVIEW#${visitId}#v${version}#${address(email)}`,
  /** Findings returned to the inspector: one per return (the history entry's number). */
  returned: (visitId: string, seq: number, email: string) => `RETURNED#${visitId}#h${seq}#${address(email)}`,
  /** A factual accuracy comment to answer, to the reviewer: one per comment (the history entry's number). */
  comment: (visitId: string, seq: number, email: string) => `COMMENT#${visitId}#h${seq}#${address(email)}`,
  /** A draft sent to a provider or LA contact for factual accuracy. */
  factual: (visitId: string, version: number, email: string) => `FACTUAL#${visitId}#v${version}#${address(email)}`,
  reminder: (visitId: string, date: string) => `REMINDER#${visitId}#${date}`,
  digest: (weekOf: string, email: string) => `DIGEST#${weekOf}#${address(email)}`,
  /** The `emailSent` partition keys of every email about one visit start with one of these. */
  visitPrefixes: (visitId: string): string[] => VISIT_EMAIL_KINDS.map((k) => `EMAIL#${k}#${visitId}#`),
} as const;

/** The gsi1 partition that lists every commissioner. */
export const COMMISSIONERS = 'COMMISSIONERS';

export const keys = {
  provider: (urn: string): Key => ({ pk: `PROVIDER#${urn}`, sk: 'PROFILE' }),
  providerByLa: (la: string, urn: string) => ({ gsi3pk: `LA#${la}`, gsi3sk: `PROVIDER#${urn}` }),
  openProvider: (urn: string, snapshotId: string) => ({ gsi2pk: keys.openProvidersShard(openProviderShard(urn)), gsi2sk: `${snapshotId}#${urn}` }),
  openProvidersShard: (shard: number): string => `OPEN_PROVIDERS#${shard}`,
  /** gsi2 sort-key bounds around one snapshot: sk < before or sk >= after is "listed by another snapshot". */
  otherSnapshotBounds: (snapshotId: string) => ({ before: `${snapshotId}#`, after: `${snapshotId}$` }),
  inspection: (urn: string, date: string, eventNumber: string): Key => ({ pk: `PROVIDER#${urn}`, sk: `INSPECTION#${date}#${eventNumber}` }),
  laOutcome: (la: string): Key => ({ pk: `LA#${la}`, sk: 'OUTCOME' }),
  signal: (target: { urn?: string; localAuthority?: string }, date: string, signalId: string): Key => ({
    pk: target.urn ? `PROVIDER#${target.urn}` : `LA#${target.localAuthority ?? ''}`,
    sk: `SIGNAL#${date}#${signalId}`,
  }),
  commissioner: (id: string): Key => ({ pk: `COMMISSIONER#${id}`, sk: 'PROFILE' }),
  /** Every commissioner is listed in gsi1 under one partition: publication and digests Query it instead of scanning the table. */
  commissionerListed: (id: string): { readonly gsi1pk: string; readonly gsi1sk: string } => ({ gsi1pk: COMMISSIONERS, gsi1sk: id }),
  /** A factual accuracy contact sits with the provider or LA it is for: a Query on that partition finds them. */
  contact: (target: { urn?: string; localAuthority?: string }, email: string): Key => ({
    pk: target.urn ? `PROVIDER#${target.urn}` : `LA#${target.localAuthority ?? ''}`,
    sk: `CONTACT#${email}`,
  }),
  contactsPrefix: (target: { urn?: string; localAuthority?: string }) => ({
    pk: target.urn ? `PROVIDER#${target.urn}` : `LA#${target.localAuthority ?? ''}`,
    skPrefix: 'CONTACT#',
  }),
  /** One item per region a reviewer covers: a Query on the region finds its reviewers. */
  reviewer: (region: string, email: string): Key => ({ pk: `REVIEWERS#${region}`, sk: email }),
  currentProgramme: (): Key => ({ pk: 'PROGRAMME#CURRENT', sk: 'SUMMARY' }),
  programme: (programmeId: string): Key => ({ pk: `PROGRAMME#${programmeId}`, sk: 'SUMMARY' }),
  visit: (visitId: string): Key => ({ pk: `VISIT#${visitId}`, sk: 'VISIT' }),
  visitIndexes: (v: { week: string; region: string; localAuthority: string; kind: TargetKind; target: string; visitId: string }) => ({
    gsi1pk: `WEEK#${v.week}`,
    gsi1sk: `${v.region}#${v.visitId}`,
    gsi2pk: `REGION#${v.region}`,
    gsi2sk: `${v.week}#${v.visitId}`,
    gsi3pk: `LA#${v.localAuthority}`,
    gsi3sk: `VISIT#${v.week}#${v.visitId}`,
    gsi4pk: keys.visitsOfTarget(v.kind, v.target),
    gsi4sk: `${v.week}#${v.visitId}`,
  }),
  /** A visit out of the programme (dropped, deferred, cancelled): kept on the target's index only. */
  visitTargetIndex: (v: { week: string; kind: TargetKind; target: string; visitId: string }) => ({
    gsi4pk: keys.visitsOfTarget(v.kind, v.target),
    gsi4sk: `${v.week}#${v.visitId}`,
  }),
  /** Index gsi4's partition: every visit to one provider or LA. */
  visitsOfTarget: (kind: TargetKind, target: string): string => `TARGET#${kind}#${target}`,
  findingsVersion: (visitId: string, version: number): Key => ({ pk: `VISIT#${visitId}`, sk: versionSk('FINDINGS', version) }),
  findingsPrefix: (visitId: string) => ({ pk: `VISIT#${visitId}`, skPrefix: 'FINDINGS#' }),
  submission: (visitId: string, submissionId: string): Key => ({ pk: `VISIT#${visitId}`, sk: `SUBMISSION#${submissionId}` }),
  publication: (visitId: string): Key => ({ pk: `VISIT#${visitId}`, sk: 'PUBLICATION' }),
  /** gsi1 while the publication waits for a date; removed when nothing is due. */
  publicationDue: (dueOn: string, visitId: string) => ({ gsi1pk: PUBLICATION_DUE, gsi1sk: `${dueOn}#${visitId}` }),
  /** gsi1 sort-key bound: everything due on or before `date` sorts below it. */
  publicationDueUpTo: (date: string) => ({ pk: PUBLICATION_DUE, skBelow: `${date}$` }),
  comment: (visitId: string, commentId: string): Key => ({ pk: `VISIT#${visitId}`, sk: `COMMENT#${commentId}` }),
  commentsPrefix: (visitId: string) => ({ pk: `VISIT#${visitId}`, skPrefix: 'COMMENT#' }),
  /** One public edition of a visit's report: the first publication, then each amendment or the withdrawal. */
  reportVersion: (visitId: string, edition: number): Key => ({ pk: `VISIT#${visitId}`, sk: versionSk('REPORT', edition) }),
  reportsPrefix: (visitId: string) => ({ pk: `VISIT#${visitId}`, skPrefix: 'REPORT#' }),
  reportIndexes: (r: { publishedAt: string; localAuthority: string; visitId: string; version: number }) => ({
    gsi1pk: 'PUBLISHED',
    gsi1sk: `${r.publishedAt}#${r.visitId}#${r.version}`,
    gsi3pk: `LA#${r.localAuthority}`,
    gsi3sk: `REPORT#${r.publishedAt}#${r.visitId}`,
  }),
  /** Someone who was emailed a visit's report: told again when it is amended or withdrawn. */
  recipient: (visitId: string, email: string): Key => ({ pk: `VISIT#${visitId}`, sk: `RECIPIENT#${email.trim().toLowerCase()}` }),
  recipientsPrefix: (visitId: string) => ({ pk: `VISIT#${visitId}`, skPrefix: 'RECIPIENT#' }),
  emailSent: (dedupeKey: string): Key => ({ pk: `EMAIL#${dedupeKey}`, sk: 'SENT' }),
  suppression: (email: string): Key => ({ pk: `SUPPRESSED#${email.trim().toLowerCase()}`, sk: 'SUPPRESSED' }),
  importRecord: (bucketKey: string, etag: string): Key => ({ pk: `IMPORT#${bucketKey}`, sk: etag }),
  /** The provider snapshots applied so far: the latest "as at" date, for the snapshot guard. */
  providerSnapshots: (): Key => ({ pk: 'SNAPSHOTS#providers', sk: 'LATEST' }),
  currentPolicy: (): Key => ({ pk: 'POLICY', sk: 'CURRENT' }),
  policyVersion: (version: string): Key => ({ pk: 'POLICY', sk: `V#${version}` }),
} as const;
