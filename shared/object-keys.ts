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
 * | report HTML / PDF           | reports  | reports/{la slug}/{target slug}/{visitId}/v{n}.html / .pdf   | render-report         |
 * | published reports index    | reports  | reports/index.html                                           | render-report         |
 * | programme files             | reports  | programme/{programmeId and current}/{programme.json, programme.csv, index.html, region pages, transparency.html, CSS} | prioritise |
 *
 * Slugs are lower-case letters, digits and hyphens (shared/reports/report-model.ts `slug`), so a
 * report key is safe in a URL path. Public pages are served only from `reports/` (never
 * `programme/`, which holds the restricted programme) and only in the report key's exact shape.
 */
import { createHash } from 'node:crypto';
import { prefixes } from '../infra/catalogue';

export type ReportExtension = 'html' | 'pdf';

/** The report key's exact shape; a public request for anything else under reports/ is refused. */
const REPORT_KEY = /^reports\/([a-z0-9-]{1,100})\/([a-z0-9-]{1,100})\/([A-Za-z0-9-]{1,64})\/v(\d{1,6})\.(html|pdf)$/;

export const objectKeys = {
  /** An upload by `npm run import`: a fresh folder per upload, so two uploads of one file never collide. */
  importUpload: (fileName: string, at: Date, random: string): string => `${prefixes.imports}${at.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${random}/${fileName}`,
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
  /** The quarantine copy and its reasons; without a visit and submission, a name from the upload key. */
  quarantine: (upload: { readonly key: string; readonly visitId?: string; readonly submissionId?: string }): { readonly copy: string; readonly reasons: string } => {
    const base =
      upload.visitId && upload.submissionId
        ? `${prefixes.quarantine}${upload.visitId}/${upload.submissionId}`
        : `${prefixes.quarantine}unmatched/${createHash('sha256').update(upload.key).digest('hex').slice(0, 32)}`;
    return { copy: `${base}.json`, reasons: `${base}.reasons.json` };
  },
  quarantineOfVisit: (visitId: string): string => `${prefixes.quarantine}${visitId}/`,

  /** reports/{la}/{target}/{visitId}/v{n}.html|pdf: stable, so a repeat render overwrites the same object. */
  report: (r: { readonly laSlug: string; readonly targetSlug: string; readonly visitId: string; readonly version: number; readonly ext: ReportExtension }): string =>
    `${prefixes.reports}${r.laSlug}/${r.targetSlug}/${r.visitId}/v${r.version}.${r.ext}`,
  /** The folder holding every version of one visit's report (erasure lists it). */
  reportFolder: (reportKey: string): string => reportKey.slice(0, reportKey.lastIndexOf('/') + 1),
  reportsIndex: `${prefixes.reports}index.html`,
  /** A report key relative to reports/ (the public index links to /reports/<this>). */
  reportPath: (reportKey: string): string => (reportKey.startsWith(prefixes.reports) ? reportKey.slice(prefixes.reports.length) : reportKey),

  /** A programme file by name (shared/prioritise/render.ts names them: programme.json, index.html, region pages ...). */
  programmeFile: (folder: string, name: string): string => `${prefixes.programme}${folder}/${name}`,
  /** The programme in force is also written under this folder, so its address never changes. */
  currentProgrammeFolder: 'current',
} as const;

/** The parts of a report key, or undefined when the key is not exactly a report's. */
export function parseReportKey(key: string): { readonly visitId: string; readonly version: number; readonly ext: ReportExtension } | undefined {
  const m = REPORT_KEY.exec(key);
  if (!m) return undefined;
  return { visitId: m[3]!, version: Number(m[4]), ext: m[5] === 'pdf' ? 'pdf' : 'html' };
}
