/**
 * S3 object key layout. Every object key the pipeline writes or reads is built (and, where a
 * request names one, parsed) here and nowhere else, so a reader can see every bucket's layout on
 * one page, as shared/keys.ts does for the table. Bucket names and prefixes come from the
 * catalogue (infra/catalogue.ts `buckets`, `prefixes`).
 *
 * | object                      | bucket   | key                                                          | written by            |
 * |-----------------------------|----------|--------------------------------------------------------------|-----------------------|
 * | import upload (CSV)         | imports  | imports/{yyyymmddThhmmss}-{random}/{file name}               | npm run import, ops   |
 * | sample import (npm start)   | imports  | imports/samples/{file name}                                  | local cloud           |
 * | import report               | imports  | import-reports/{upload key without imports/}.json / .txt     | ingest-import         |
 * | policy document             | imports  | policy/{version}.json                                        | prioritise --policy   |
 * | findings upload             | findings | findings/{visitId}/{submissionId}.json                       | inspector's browser   |
 * | quarantine copy             | findings | quarantine/{visitId}/{submissionId}.json                     | ingest-findings       |
 * | quarantine reasons          | findings | quarantine/{visitId}/{submissionId}.reasons.json             | ingest-findings       |
 * | quarantine, no visit known  | findings | quarantine/unmatched/{sha256(upload key):32}.json / .reasons.json | ingest-findings  |
 * | public report, current edition | reports | reports/{la slug}/{target slug}/{visitId}/report.html / .pdf | publication-worker  |
 * | published reports index    | reports  | reports/index.html                                           | publication-worker    |
 * | every public edition, kept | reports  | restricted/editions/{visitId}/e{n}.html / .pdf               | publication-worker    |
 * | commissioners' briefing    | reports  | restricted/briefings/{visitId}/e{n}.html / .pdf              | publication-worker    |
 * | programme files             | reports  | programme/{programmeId and current}/{programme.json, programme.csv, index.html, region pages, transparency.html, CSS} | prioritise |
 *
 * Slugs are lower-case letters, digits and hyphens (shared/domain/slug.ts), so a report key is
 * safe in a URL path. Keys hold the LA and the URN (both may be public), never a children's home's
 * name. Public pages are served only from `reports/` (never `programme/` or `restricted/`: the
 * public site's role cannot read them, the CDK test proves it) and only in the report key's exact
 * shape. Drafts are never stored: the reviewer's and the contact's pages render them on request.
 */
import { createHash } from 'node:crypto';
import { prefixes } from '../infra/catalogue';
import { slug } from './domain/slug';

export type Format = 'html' | 'pdf';

/** Where a visit's report lives: the LA, and the URN for a provider or the LA for an LA. */
export interface ReportPlace {
  readonly localAuthority: string;
  readonly target: string;
  readonly visitId: string;
}

/** The folder of a visit's public report: stable across editions, so links in emails keep working. */
export const publicReportFolder = (w: ReportPlace): string => `${prefixes.reports}${slug(w.localAuthority)}/${slug(w.target)}/${w.visitId}/`;
export const publicReportKey = (w: ReportPlace, format: Format): string => `${publicReportFolder(w)}report.${format}`;
export const publishedIndexKey = `${prefixes.reports}index.html`;
/** Every public edition, kept for the record (nobody reads them online: ops, erasure). */
export const editionKey = (visitId: string, edition: number, format: Format): string => `${prefixes.restricted}editions/${visitId}/e${edition}.${format}`;
/** The commissioners' briefing of an edition (the briefing page and the notifier read it). */
export const briefingKey = (visitId: string, edition: number, format: Format): string => `${prefixes.restricted}briefings/${visitId}/e${edition}.${format}`;
/** Everything restricted about one visit (erasure lists it). */
export const restrictedPrefixes = (visitId: string): string[] => [`${prefixes.restricted}editions/${visitId}/`, `${prefixes.restricted}briefings/${visitId}/`];

/** reports/{la}/{target}/{visitId}/report.html|pdf: the only shape a public report has. */
export const PUBLIC_REPORT_KEY = /^reports\/[a-z0-9-]{1,100}\/[a-z0-9-]{1,100}\/([A-Za-z0-9-]{1,64})\/report\.(html|pdf)$/;

export const objectKeys = {
  /** An upload by `npm run import`: a fresh folder per upload, so two uploads of one file never collide. */
  importUpload: (fileName: string, at: Date, random: string): string =>
    `${prefixes.imports}${at.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${random}/${fileName}`,
  /** A bundled sample file loaded by `npm start`. */
  sampleImport: (fileName: string): string => `${prefixes.imports}samples/${fileName}`,
  /** Where the report of an uploaded key is written: import-reports/<same path>.json|.txt */
  importReports: (uploadKey: string): { readonly json: string; readonly text: string } => {
    const rest = uploadKey.startsWith(prefixes.imports) ? uploadKey.slice(prefixes.imports.length) : uploadKey;
    return { json: `${prefixes.importReports}${rest}.json`, text: `${prefixes.importReports}${rest}.txt` };
  },
  policy: (version: string): string => `${prefixes.policy}${version}.json`,

  findingsUpload: (visitId: string, submissionId: string): string => `${prefixes.findings}${visitId}/${submissionId}.json`,
  /** Every findings upload of one visit (erasure lists them). */
  findingsOfVisit: (visitId: string): string => `${prefixes.findings}${visitId}/`,
  /**
   * The quarantine copy and its reasons: quarantine/{visitId}/{submissionId}[-{attempt}], or
   * quarantine/unmatched/{hash of the upload key and version} when the key says nothing usable.
   */
  quarantine: (upload: {
    readonly key: string;
    readonly versionId?: string;
    readonly visitId?: string;
    readonly submissionId?: string;
    readonly attempt?: string;
  }): { readonly copy: string; readonly reasons: string } => {
    const base =
      upload.visitId && upload.submissionId
        ? `${prefixes.quarantine}${upload.visitId}/${upload.submissionId}${upload.attempt ? `-${upload.attempt}` : ''}`
        : `${prefixes.quarantine}unmatched/${createHash('sha256')
            .update(`${upload.key}\n${upload.versionId ?? ''}`)
            .digest('hex')
            .slice(0, 32)}`;
    return { copy: `${base}.json`, reasons: `${base}.reasons.json` };
  },
  quarantineOfVisit: (visitId: string): string => `${prefixes.quarantine}${visitId}/`,

  /** A programme file by name (shared/prioritise/render.ts names them: programme.json, index.html, region pages ...). */
  programmeFile: (folder: string, name: string): string => `${prefixes.programme}${folder}/${name}`,
  /** The programme in force is also written under this folder, so its address never changes. */
  currentProgrammeFolder: 'current',
} as const;
