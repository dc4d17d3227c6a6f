/**
 * The public index of published reports: grouped by Ofsted region and local authority, newest
 * first, with a search box (by name or URN) that filters the list in the browser. Without
 * JavaScript every report is still listed. Only the newest version of each visit is listed.
 */
import { ukDate } from '../domain/dates';
import { govukCss, renderTemplate } from '../web/render';

/** The record of one published report version (stored in DynamoDB, listed by the index). */
export interface PublishedReport {
  readonly visitId: string;
  readonly version: number;
  readonly title: string;
  readonly targetName: string;
  readonly urn?: string;
  readonly localAuthority: string;
  readonly region: string;
  readonly publishedAt: string;
  readonly htmlKey: string;
  readonly pdfKey: string;
  readonly seriousConcerns: boolean;
  readonly goingWellCount: number;
  readonly needsToImproveCount: number;
}

/** What the index lists; keys relative to the reports prefix (the index sits at its root). */
export type PublishedIndexEntry = Omit<PublishedReport, 'goingWellCount' | 'needsToImproveCount'>;

export interface IndexGroup {
  readonly region: string;
  readonly authorities: readonly { readonly localAuthority: string; readonly reports: readonly (PublishedIndexEntry & { readonly search: string; readonly publishedOn: string })[] }[];
}

export function groupForIndex(entries: readonly PublishedIndexEntry[]): IndexGroup[] {
  const byRegion = new Map<string, Map<string, PublishedIndexEntry[]>>();
  for (const e of entries) {
    const las = byRegion.get(e.region) ?? new Map<string, PublishedIndexEntry[]>();
    byRegion.set(e.region, las);
    las.set(e.localAuthority, [...(las.get(e.localAuthority) ?? []), e]);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, las]) => ({
      region,
      authorities: [...las.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([localAuthority, reports]) => ({
          localAuthority,
          reports: [...reports]
            .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.visitId.localeCompare(b.visitId))
            .map((r) => ({ ...r, publishedOn: ukDate(r.publishedAt), search: [r.targetName, r.urn ?? '', r.localAuthority].join(' ').toLowerCase() })),
        })),
    }));
}

export function renderPublishedIndex(entries: readonly PublishedIndexEntry[]): string {
  return renderTemplate('index/index.njk', {
    pageTitle: 'Published visit reports',
    inlineCss: govukCss(),
    groups: groupForIndex(entries),
    total: entries.length,
  });
}
