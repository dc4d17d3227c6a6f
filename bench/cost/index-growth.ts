/**
 * The published reports index is one page listing every report, rewritten (and read back from the
 * table in full) on each publication, and served whole to each reader who opens it. The season
 * sees it with a handful of reports; by the storage month it lists every report published so far.
 * This adds what that growth costs beyond what the season measured.
 */
import type { Scenario } from './scenarios';

export interface PublishedIndexGrowth {
  /** Reports published in the season when it was measured. */
  readonly reportsMeasured: number;
  /** Bytes of the index listing one report. */
  readonly fixedBytes: number;
  readonly bytesPerReport: number;
  /** Read units per report of the Query that lists the published reports. */
  readonly readUnitsPerReport: number;
}

/** A synchronous Lambda response (what the HTTP API serves a page from) carries at most 6 MB. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;
const HTTP_API_CHUNK_BYTES = 512 * 1024;
/** A third of public page views are of the index (a reader opens it, then a report and its PDF). */
export const INDEX_VIEW_SHARE = 1 / 3;

export interface IndexGrowthCost {
  readonly reportsListed: number;
  readonly indexBytes: number;
  /** More read units a month for the publication worker's Query of every published report edition. */
  readonly readUnits: number;
  /** More bytes held under reports/ (each rewrite is kept as an old version for a year). */
  readonly s3BytesHeld: number;
  /** More bytes out to readers of the index, and HTTP API requests (metered per 512 KB). */
  readonly bytesOut: number;
  readonly httpRequests: number;
  readonly warning?: string;
}

export function indexGrowth(g: PublishedIndexGrowth, s: Scenario): IndexGrowthCost {
  const perMonth = s.monthly.visit;
  const months = s.storageMonth;
  const reportsListed = perMonth * months;
  const indexBytes = g.fixedBytes + g.bytesPerReport * Math.max(0, reportsListed - 1);
  // The season's own publications already paid for an index of about half its reports.
  const measured = g.reportsMeasured / 2;
  const extraPerPublish = (m: number) => g.bytesPerReport * Math.max(0, perMonth * m - measured);
  let s3BytesHeld = 0;
  for (let m = 1; m <= Math.ceil(months); m++) s3BytesHeld += perMonth * extraPerPublish(m);
  const views = s.monthly.publicPageView * INDEX_VIEW_SHARE;
  const mb = (b: number) => `${(b / 1024 ** 2).toFixed(1)} MB`;
  return {
    reportsListed,
    indexBytes,
    readUnits: perMonth * g.readUnitsPerReport * Math.max(0, reportsListed - measured),
    s3BytesHeld,
    bytesOut: views * g.bytesPerReport * Math.max(0, reportsListed - g.reportsMeasured),
    httpRequests: views * (Math.ceil(indexBytes / HTTP_API_CHUNK_BYTES) - 1),
    warning:
      indexBytes > LAMBDA_RESPONSE_LIMIT_BYTES
        ? `publicSite: the reports index would list ${Math.round(reportsListed).toLocaleString('en-GB')} reports in month ${months} (${mb(indexBytes)}), past the ${mb(LAMBDA_RESPONSE_LIMIT_BYTES)} a Lambda response can carry: it needs pages.`
        : undefined,
  };
}
