/** The programme report (GOV.UK page with a capacity chart) and its CSV export. */
import { stringify } from 'csv-stringify/sync';
import { ukDate } from '../domain/dates';
import { OFSTED_REGIONS } from '../domain/types';
import { govukCss, renderTemplate } from '../web/render';
import type { Programme } from './programme';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function safeCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function renderProgrammeCsv(p: Programme): string {
  const rows: (string | number)[][] = [['Status', 'Visit ID', 'Kind', 'Target', 'Name', 'Local authority', 'Region', 'Week commencing', 'Notice date', 'Score', 'Reasons or why not']];
  for (const v of p.planned) rows.push(['Planned', v.visitId, v.kind, v.target, v.targetName, v.localAuthority, v.region, ukDate(v.week), ukDate(v.noticeDate), v.score, v.reasons.join(' | ')]);
  for (const u of p.unplanned) rows.push(['Not planned', '', u.kind, u.target, u.targetName, '', u.region, '', '', u.score, u.why]);
  return stringify(rows.map((r) => r.map(safeCell)), { quoted_match: /[",\n\r]/ });
}

interface Bar {
  readonly region: string;
  readonly used: number;
  readonly capacity: number;
  readonly y: number;
  readonly usedWidth: number;
  readonly capWidth: number;
}

/** Planned effort vs capacity per region over the whole window, as accessible inline SVG data. */
export function capacityChart(p: Programme): { bars: Bar[]; width: number; height: number } {
  const totals = OFSTED_REGIONS.map((region) => {
    const cells = p.capacity.filter((c) => c.region === region);
    return { region, used: cells.reduce((s, c) => s + c.used, 0), capacity: cells.reduce((s, c) => s + c.capacity, 0) };
  });
  const max = Math.max(1, ...totals.map((t) => t.capacity));
  const scale = 360 / max;
  return {
    width: 720,
    height: totals.length * 44 + 20,
    bars: totals.map((t, i) => ({ ...t, y: 10 + i * 44, usedWidth: Math.round(t.used * scale), capWidth: Math.round(t.capacity * scale) })),
  };
}

export function renderProgrammeHtml(p: Programme): string {
  const regions = OFSTED_REGIONS.map((r) => ({ region: r, planned: p.planned.filter((v) => v.region === r).length }));
  return renderTemplate('programme/report.njk', {
    pageTitle: 'Visit programme',
    inlineCss: govukCss(),
    p,
    chart: capacityChart(p),
    regions,
    las: p.planned.filter((v) => v.kind === 'la').length,
    providers: p.planned.filter((v) => v.kind === 'provider').length,
    ukDate,
  });
}
