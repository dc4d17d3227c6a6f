/** The cost result as Markdown: a summary per service and month, then every line with its reason. */
import type { CostBench } from './index';
import type { CostLine, ScenarioCost } from './model';

const usd = (x: number) => (x >= 0.01 || x === 0 ? `$${x.toFixed(2)}` : '<$0.01');
const qty = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-GB') : Number(x.toPrecision(3)).toLocaleString('en-GB', { maximumFractionDigits: 6 }));
const cell = (s: string) => s.replace(/\|/g, '\\|');

function serviceTable(national: ScenarioCost & { byService: Record<string, number> }, stress: ScenarioCost & { byService: Record<string, number> }): string {
  const services = Object.keys(national.byService);
  const rows = services.map((s) => `| ${s} | ${usd(national.byService[s] ?? 0)} | ${usd(stress.byService[s] ?? 0)} |`);
  return [
    '| Service | National, USD a month | Stress, USD a month |',
    '|---|---:|---:|',
    ...rows,
    `| **Total** | **${usd(national.usdPerMonth)}** | **${usd(stress.usdPerMonth)}** |`,
  ].join('\n');
}

function lineTable(lines: readonly CostLine[]): string {
  const rows = lines.map(
    (l) => `| ${l.service} | ${cell(l.what)} | ${qty(l.quantityPerMonth)} | ${cell(l.price)} | ${usd(l.usdPerMonth)} | ${cell(l.explanation)} |`,
  );
  return ['| Service | What | Quantity a month | Price | USD a month | Why |', '|---|---|---:|---|---:|---|', ...rows].join('\n');
}

function scenarioSection(title: string, c: ScenarioCost): string {
  return [
    `### ${title}: ${usd(c.usdPerMonth)} a month`,
    '',
    ...c.assumptions.map((a) => `- ${a}`),
    ...(c.warnings.length ? ['', '**Does not fit at this scale:**', '', ...c.warnings.map((w) => `- ${w}`)] : []),
    '',
    lineTable(c.lines),
  ].join('\n');
}

function perUnitTable(r: CostBench): string {
  const rows = Object.entries(r.season.perUnit).map(
    ([id, u]) =>
      `| ${id} | ${cell(u.what)} | ${qty(u.measuredOver)} | ${qty(u.lambdaMs)} | ${qty(u.writeUnits)} | ${qty(u.readUnits)} | ${qty(u.scanReadUnits)} | ${qty(u.s3Requests)} | ${qty(u.logBytes)} |`,
  );
  return [
    '| Unit | What | Measured over | Lambda ms | Write units | Read units | Scan read units | S3 requests | Log bytes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function renderCost(r: CostBench): string {
  return [
    `National service: **${usd(r.national.usdPerMonth)} a month** (goal under $${r.goal.nationalUnderUsd}: ${r.goal.met ? 'met' : 'NOT met'}); stress remit: **${usd(r.stress.usdPerMonth)} a month**.`,
    '',
    `Prices: \`${r.prices.file}\` (${r.prices.region}, recorded ${r.prices.recordedOn}; unconfirmed: ${r.prices.unconfirmed.join(', ') || 'none'}). ${r.prices.freeTiers}`,
    '',
    `Measured over a season of ${r.season.providers.toLocaleString('en-GB')} providers (the real Ofsted snapshot), ${r.season.nightlyRuns} nightly runs and ${r.season.visits} visits (${r.season.reportEmailsPerVisit} report emails each in the sample), then scaled per unit of work. The reports index, rewritten on each publication and served whole, grows by ${Math.round(r.season.publishedIndex.bytesPerReport)} bytes a report; the model prices it at its size in the storage month.`,
    '',
    serviceTable(r.national, r.stress),
    '',
    scenarioSection('National service', r.national),
    '',
    scenarioSection('Stress remit', r.stress),
    '',
    '### Measured per unit of work (one unit; Scans at the size of the table they read in the season)',
    '',
    perUnitTable(r),
  ].join('\n');
}
