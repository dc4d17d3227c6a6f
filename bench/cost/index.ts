/**
 * npm run bench -- cost [--visits N] [--nights N] [--json]
 * What the pipeline costs a month in eu-west-2, for the national service and a stress remit:
 * the season (season.ts) measured through the real handlers in a child process, the stack's
 * facts from its synthesised template, the dated price file, the scenarios' units of work.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { FunctionId } from '../../infra/catalogue';
import { runProcess } from '../../scripts/lib/run-process';
import type { PublishedIndexGrowth } from './index-growth';
import { costScenario, type ScenarioCost } from './model';
import { perUnit } from './month';
import { DEFAULT_PRICE_FILE, PRICE_IDS, loadPrices } from './prices';
import { NATIONAL, scenario, stressRemit } from './scenarios';
import type { Season } from './season';
import { synthStackFacts } from './stack-facts';
import { UNITS, type UnitId } from './units';
import { USAGE_NAMES as N, total } from './usage';

export const NATIONAL_GOAL_USD = 50;

export interface CostBench {
  readonly national: ScenarioCost & { readonly byService: Record<string, number> };
  readonly stress: ScenarioCost & { readonly byService: Record<string, number> };
  readonly goal: { readonly nationalUnderUsd: number; readonly met: boolean };
  readonly prices: {
    readonly file: string;
    readonly region: string;
    readonly recordedOn: string;
    readonly unconfirmed: readonly string[];
    readonly freeTiers: string;
  };
  readonly season: {
    readonly providers: number;
    readonly visits: number;
    readonly nightlyRuns: number;
    readonly reportEmailsPerVisit: number;
    readonly customMetrics: readonly string[];
    readonly publishedIndex: PublishedIndexGrowth;
    /** What one unit of work was measured to cost in billable quantities. */
    readonly perUnit: Record<
      UnitId,
      {
        readonly what: string;
        readonly measuredOver: number;
        readonly lambdaMs: number;
        readonly writeUnits: number;
        readonly readUnits: number;
        readonly scanReadUnits: number;
        readonly s3Requests: number;
        readonly logBytes: number;
      }
    >;
  };
}

const repoRoot = resolve(import.meta.dirname, '..', '..');

async function measureSeason(visits: number, nights: number): Promise<Season> {
  const dir = mkdtempSync(join(tmpdir(), 'visits-cost-'));
  try {
    const out = join(dir, 'season.json');
    const env = { ...process.env };
    delete env.POWERTOOLS_DEV;
    const child = await runProcess(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'season-child.ts'), out, String(visits), String(nights)],
      env,
      (text) => process.stderr.write(text),
    );
    if (child.code !== 0 || !existsSync(out)) throw new Error(`The cost season failed (exit ${child.code}): ${child.stderr.slice(-2000)}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Season;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cold import times from the bundles benchmark's latest results, when it has run (INIT is billed). */
function initTimes(): Partial<Record<FunctionId, number>> {
  const file = resolve(import.meta.dirname, '..', 'results', 'bundles.json');
  if (!existsSync(file)) return {};
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { result?: Record<string, { coldImportMs?: number }> };
  return Object.fromEntries(Object.entries(recorded.result ?? {}).flatMap(([id, r]) => (typeof r.coldImportMs === 'number' ? [[id, r.coldImportMs]] : [])));
}

function byService(cost: ScenarioCost): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of cost.lines) out[l.service] = (out[l.service] ?? 0) + l.usdPerMonth;
  return Object.fromEntries(Object.entries(out).map(([s, usd]) => [s, Number(usd.toFixed(2))]));
}

function perUnitSummary(season: Season): CostBench['season']['perUnit'] {
  const out = {} as Record<UnitId, CostBench['season']['perUnit'][UnitId]>;
  for (const id of Object.keys(UNITS) as UnitId[]) {
    const u = perUnit(season.units[id]);
    const r = (x: number) => Number(x.toFixed(3));
    out[id] = {
      what: UNITS[id],
      measuredOver: Number(season.units[id].count.toFixed(3)),
      lambdaMs: r(total(u, N.lambdaMs)),
      writeUnits: r(total(u, N.ddbWriteUnits) + 2 * total(u, N.ddbTransactWriteUnits)),
      readUnits: r(total(u, N.ddbReadUnits) + 2 * total(u, N.ddbTransactReadUnits)),
      scanReadUnits: r(total(u, N.ddbScanReadUnits)),
      s3Requests: r(total(u, N.s3Tier1) + total(u, N.s3Tier2)),
      logBytes: r(total(u, N.logBytes)),
    };
  }
  return out;
}

export async function benchCost(options: { visits: number; nights: number; log: (l: string) => void }): Promise<CostBench> {
  for (const [name, value] of [
    ['visits', options.visits],
    ['nights', options.nights],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1 (got ${String(value)})`);
  }
  options.log('stack facts from the synthesised template ...');
  const facts = await synthStackFacts();
  const prices = loadPrices();
  options.log(`season: ${options.visits} visits, ${options.nights} nightly runs, through the real handlers on the emulators (a few minutes) ...`);
  const season = await measureSeason(options.visits, options.nights);
  const inputs = { units: season.units, customMetrics: season.customMetrics, facts, prices, initMs: initTimes(), publishedIndex: season.publishedIndex };
  const national = costScenario(inputs, scenario('national', NATIONAL));
  const stress = costScenario(inputs, scenario('stress', stressRemit()));
  return {
    national: { ...national, byService: byService(national) },
    stress: { ...stress, byService: byService(stress) },
    goal: { nationalUnderUsd: NATIONAL_GOAL_USD, met: national.usdPerMonth < NATIONAL_GOAL_USD },
    prices: {
      file: relative(repoRoot, DEFAULT_PRICE_FILE),
      region: prices.region,
      recordedOn: prices.recordedOn,
      unconfirmed: PRICE_IDS.filter((id) => !prices.prices[id].sure),
      freeTiers: prices.freeTiers,
    },
    season: {
      providers: season.providers,
      visits: season.visits,
      nightlyRuns: options.nights,
      reportEmailsPerVisit: season.reportEmailsPerVisit,
      customMetrics: season.customMetrics,
      publishedIndex: season.publishedIndex,
      perUnit: perUnitSummary(season),
    },
  };
}
