/**
 * The programme's published files: a summary page first (as-of date, downloads, triage, changes
 * since the last run, capacity used per pool, region and week), one paged set of pages per region
 * (planned visits with their reasons, then who is not planned and why), the complete CSV and JSON,
 * and the transparency record. Pages share one stylesheet beside them, so each stays small.
 */
import { stringify } from 'csv-stringify/sync';
import { ukDate } from '../domain/dates';
import { OFSTED_REGIONS, type OfstedRegion, type VisitStatus } from '../domain/types';
import { govukCss, renderTemplate } from '../web/render';
import type { UnplannedItem } from './candidates';
import type { Policy } from './policy';
import { canonicalProgrammeJson, type PlannedVisit, type Programme } from './programme';
import { transparencyRecord } from './transparency';

export interface ProgrammeFile {
  readonly name: string;
  readonly body: string;
  readonly contentType: string;
}

export interface RenderOptions {
  /** Rows per region page. */
  readonly pageSize: number;
}

const HTML = 'text/html; charset=utf-8';

/** Every file of a programme, by name (all in one folder). */
export function renderProgrammeFiles(p: Programme, policy: Policy, options: RenderOptions): ProgrammeFile[] {
  return [
    { name: 'programme.json', body: canonicalProgrammeJson(p), contentType: 'application/json' },
    { name: 'programme.csv', body: renderProgrammeCsv(p), contentType: 'text/csv; charset=utf-8' },
    { name: 'index.html', body: renderProgrammeHtml(p, options, policy), contentType: HTML },
    ...OFSTED_REGIONS.flatMap((r) => renderRegionPages(p, r, options).map((body, i) => ({ name: regionPageName(r, i + 1), body, contentType: HTML }))),
    { name: 'transparency.html', body: transparencyRecord(policy, p), contentType: HTML },
    { name: 'govuk-frontend.min.css', body: govukCss(), contentType: 'text/css; charset=utf-8' },
    { name: 'programme.css', body: PROGRAMME_CSS, contentType: 'text/css; charset=utf-8' },
  ];
}

/** A few rules of our own: wide tables scroll inside their box, never the page. */
const PROGRAMME_CSS = `.app-table-scroll{overflow-x:auto;max-width:100%;margin-bottom:20px}
.app-table-scroll .govuk-table{margin-bottom:0}
.app-nowrap{white-space:nowrap}
.app-reasons{margin:0;padding-left:0;list-style:none}
.app-reasons li{margin-bottom:2px}
`;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function safeCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const STATUS_LABELS: Record<VisitStatus, string> = {
  planned: 'Planned',
  notified: 'Notified',
  'in-progress': 'In progress',
  deferred: 'Deferred',
  cancelled: 'Cancelled',
  dropped: 'Dropped',
  'findings-received': 'Findings received',
  published: 'Published',
};

/** The whole programme, every cell quoted: planned visits, then everyone not planned. */
export function renderProgrammeCsv(p: Programme): string {
  const rows: (string | number)[][] = [
    [
      'Status',
      'Visit ID',
      'Kind',
      'Target',
      'Name',
      'Local authority',
      'Region',
      'Week commencing',
      'Notice date',
      'Score',
      'Reasons or why not',
      'Pool',
      'Provision type',
      'Unannounced',
      'Fixed because',
    ],
  ];
  for (const v of p.planned) {
    rows.push([
      STATUS_LABELS[v.status],
      v.visitId,
      v.kind,
      v.target,
      v.targetName,
      v.localAuthority,
      v.region,
      ukDate(v.week),
      ukDate(v.noticeDate),
      v.score,
      v.reasons.join(' | '),
      v.pool,
      v.provisionType ?? '',
      v.unannounced ? 'Yes' : 'No',
      v.fixed ?? '',
    ]);
  }
  for (const u of p.unplanned) rows.push(['Not planned', '', u.kind, u.target, u.targetName, '', u.region, '', '', u.score, u.why, u.pool, '', '', '']);
  return stringify(
    rows.map((r) => r.map(safeCell)),
    { quoted: true, quoted_empty: true },
  );
}

export const regionSlug = (region: string): string =>
  region
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const regionPageName = (region: string, page: number): string => `region-${regionSlug(region)}-${page}.html`;

interface CapacityRow {
  readonly region: OfstedRegion;
  readonly visits: number;
  readonly used: number;
  readonly capacity: number;
  readonly usedAhead: number;
  readonly capacityAhead: number;
  readonly pages: number;
}

/** Per pool: each region's visits and effort against capacity, over the window and from the as-of week on. */
function capacityByPool(p: Programme, pageSize: number) {
  const thisWeek = p.weeks.find((w, i) => w <= p.asOf && (p.weeks[i + 1] ?? '9999') > p.asOf) ?? p.asOf;
  return p.pools.map((pool) => {
    const rows: CapacityRow[] = OFSTED_REGIONS.map((region) => {
      const cells = p.capacity.filter((c) => c.pool === pool.pool && c.region === region);
      const ahead = cells.filter((c) => c.week >= thisWeek);
      return {
        region,
        visits: p.planned.filter((v) => v.pool === pool.pool && v.region === region).length,
        used: sum(cells.map((c) => c.used)),
        capacity: sum(cells.map((c) => c.capacity)),
        usedAhead: sum(ahead.map((c) => c.used)),
        capacityAhead: sum(ahead.map((c) => c.capacity)),
        pages: pageCount(p, region, pageSize),
      };
    });
    const weeks = pool.weeks.map((week) => ({
      week,
      cells: OFSTED_REGIONS.map((region) => p.capacity.find((c) => c.pool === pool.pool && c.region === region && c.week === week)),
    }));
    return { pool, rows, weeks };
  });
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const CHANGES_SHOWN = 50;

export function renderProgrammeHtml(p: Programme, options: RenderOptions = { pageSize: 100 }, policy?: Policy): string {
  const fixed = p.planned.filter((v) => v.fixed).length;
  return renderTemplate('programme/report.njk', {
    triageRule: policy?.triage,
    pageTitle: 'Visit programme',
    stylesheetHref: 'govuk-frontend.min.css',
    p,
    fixed,
    las: p.planned.filter((v) => v.kind === 'la').length,
    providers: p.planned.filter((v) => v.kind === 'provider').length,
    pools: capacityByPool(p, options.pageSize),
    regionLink: (r: string) => regionPageName(r, 1),
    changes: (['moved', 'added', 'dropped'] as const).map((k) => ({ kind: k, all: p.changes[k].length, shown: p.changes[k].slice(0, CHANGES_SHOWN) })),
    displacedBy: (target: string) => [...p.changes.moved, ...p.changes.dropped].filter((c) => c.displacedBy === target),
    statusLabel: STATUS_LABELS,
    ukDate,
  });
}

type Row = { section: 'planned'; visit: PlannedVisit } | { section: 'unplanned'; item: UnplannedItem };

function regionRows(p: Programme, region: OfstedRegion): Row[] {
  return [
    ...p.planned.filter((v) => v.region === region).map((visit) => ({ section: 'planned' as const, visit })),
    ...p.unplanned.filter((u) => u.region === region).map((item) => ({ section: 'unplanned' as const, item })),
  ];
}

function pageCount(p: Programme, region: OfstedRegion, pageSize: number): number {
  return Math.max(1, Math.ceil(regionRows(p, region).length / pageSize));
}

/** A region's pages: its capacity week by week (first page), its planned visits, then who is not planned. */
export function renderRegionPages(p: Programme, region: OfstedRegion, options: RenderOptions): string[] {
  const rows = regionRows(p, region);
  const plannedCount = rows.filter((r) => r.section === 'planned').length;
  const pages = Math.max(1, Math.ceil(rows.length / options.pageSize));
  const weeks = p.weeks.map((week) => ({
    week,
    pools: p.pools.map((pool) => p.capacity.find((c) => c.pool === pool.pool && c.region === region && c.week === week)),
  }));
  return Array.from({ length: pages }, (_, i) => {
    const start = i * options.pageSize;
    const slice = rows.slice(start, start + options.pageSize);
    return renderTemplate('programme/region.njk', {
      pageTitle: `${region}: visit programme${pages > 1 ? ` (page ${i + 1} of ${pages})` : ''}`,
      stylesheetHref: 'govuk-frontend.min.css',
      p,
      region,
      page: i + 1,
      pages,
      pagination: pagination(region, i + 1, pages, `${region}: pages`),
      bottomPagination: pagination(region, i + 1, pages, `${region}: pages (end of list)`),
      weeks: i === 0 ? weeks : [],
      planned: slice.flatMap((r) => (r.section === 'planned' ? [r.visit] : [])),
      unplanned: slice.flatMap((r) => (r.section === 'unplanned' ? [r.item] : [])),
      plannedCount,
      unplannedCount: rows.length - plannedCount,
      first: start + 1,
      last: start + slice.length,
      statusLabel: STATUS_LABELS,
      ukDate,
    });
  });
}

/** GOV.UK pagination: previous, next, the first, last and nearby pages, ellipses between. */
function pagination(region: string, page: number, pages: number, landmarkLabel: string) {
  if (pages <= 1) return undefined;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: regionPageName(region, n), current: n === page });
    else if (!('ellipsis' in (items[items.length - 1] ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: regionPageName(region, page - 1) } } : {}),
    ...(page < pages ? { next: { href: regionPageName(region, page + 1) } } : {}),
    landmarkLabel,
  };
}
