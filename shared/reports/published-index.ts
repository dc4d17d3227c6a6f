/**
 * The public index of published reports: grouped by Ofsted region and local authority, newest
 * first, with a search box (by name, URN or LA) that filters the list in the browser. Without
 * JavaScript every report is still listed. One line per visit: its current edition (an amended
 * report says so); a withdrawn report is not listed. Nothing restricted is on it: no serious
 * concerns flag, no names of children's homes (the editions carry the public name).
 */
import { ukDate } from '../domain/dates';
import type { ReportEdition } from '../publication/records';
import { govukCss, renderTemplate } from '../web/render';

/** What the index lists; keys relative to the reports prefix (the index sits at its root). */
export interface PublishedIndexEntry {
  readonly visitId: string;
  readonly title: string;
  readonly targetName: string;
  readonly urn?: string;
  readonly localAuthority: string;
  readonly region: string;
  readonly publishedAt: string;
  /** When the current edition is an amendment: its date. */
  readonly amendedAt?: string;
  readonly htmlKey: string;
  readonly pdfKey?: string;
}

/** The newest edition of each visit, without withdrawn reports, keys made relative to `reportsPrefix`. */
export function indexEntries(editions: readonly ReportEdition[], reportsPrefix: string): PublishedIndexEntry[] {
  const newest = new Map<string, ReportEdition>();
  for (const e of editions) {
    const seen = newest.get(e.visitId);
    if (!seen || seen.edition < e.edition) newest.set(e.visitId, e);
  }
  return [...newest.values()]
    .filter((e) => e.kind !== 'withdrawal')
    .map((e) => ({
      visitId: e.visitId,
      title: e.title,
      targetName: e.targetName,
      ...(e.urn ? { urn: e.urn } : {}),
      localAuthority: e.localAuthority,
      region: e.region,
      publishedAt: e.publishedAt,
      ...(e.kind === 'amendment' ? { amendedAt: e.at } : {}),
      htmlKey: e.htmlKey.slice(reportsPrefix.length),
      ...(e.pdfKey ? { pdfKey: e.pdfKey.slice(reportsPrefix.length) } : {}),
    }));
}

export interface IndexGroup {
  readonly region: string;
  readonly authorities: readonly {
    readonly localAuthority: string;
    readonly reports: readonly (PublishedIndexEntry & { readonly search: string; readonly publishedOn: string; readonly amendedOn?: string })[];
  }[];
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
            .map((r) => ({
              ...r,
              publishedOn: ukDate(r.publishedAt),
              ...(r.amendedAt ? { amendedOn: ukDate(r.amendedAt) } : {}),
              // The title already names the provider (or LA) once; the URN and LA are added for search.
              search: [r.title, r.urn ?? '', r.localAuthority].join(' ').toLowerCase(),
            })),
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
