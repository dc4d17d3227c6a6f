import { describe, expect, it } from 'vitest';
import { functions, type FunctionId } from '../../../infra/catalogue';
import { ESTIMATES, coldStarts, costScenario, longRuns, type ModelInputs } from '../../../bench/cost/model';
import { monthOf, monthsHeld } from '../../../bench/cost/month';
import { loadPrices, parsePrices, priceLabel, unitPrice, PRICE_IDS } from '../../../bench/cost/prices';
import { NATIONAL, scenario, stressRemit, type Scenario } from '../../../bench/cost/scenarios';
import type { MeasuredUnit } from '../../../bench/cost/season';
import type { StackFacts } from '../../../bench/cost/stack-facts';
import { UNITS, type UnitId } from '../../../bench/cost/units';

const MB = 1024 ** 2;
const prices = loadPrices();

function facts(over: Partial<StackFacts> = {}): StackFacts {
  const fn = { memoryMb: 1024, architecture: 'arm64' as const, readsSecret: false, tracing: true, logRetentionDays: 90, timeoutSeconds: 60 };
  return {
    functions: Object.fromEntries((Object.keys(functions) as FunctionId[]).map((id) => [id, fn])) as StackFacts['functions'],
    buckets: {
      imports: { versioned: false, expirationDays: { 'imports/': 90 } },
      findings: { versioned: true, expirationDays: {}, noncurrentDays: 365 },
      reports: { versioned: true, expirationDays: {}, noncurrentDays: 365 },
    },
    accessLogsExpirationDays: 365,
    alarms: 23,
    dashboards: 1,
    secrets: 1,
    customerKeys: 0,
    queuePollers: 1,
    tablePitr: true,
    httpAccessLogRetentionDays: 365,
    ...over,
  };
}

/** Every unit measured over one, doing nothing, except those given. */
function units(over: Partial<Record<UnitId, MeasuredUnit>> = {}): Record<UnitId, MeasuredUnit> {
  const none: MeasuredUnit = { count: 1, usage: {}, tableBytes: 1 };
  return { ...(Object.fromEntries((Object.keys(UNITS) as UnitId[]).map((id) => [id, none])) as Record<UnitId, MeasuredUnit>), ...over };
}

function only(monthly: Partial<Record<UnitId, number>>, storageMonth = 12): Scenario {
  const zero = Object.fromEntries((Object.keys(UNITS) as UnitId[]).map((id) => [id, 0])) as Record<UnitId, number>;
  return { name: 'national', remit: NATIONAL, monthly: { ...zero, ...monthly }, storageMonth, assumptions: [] };
}

const inputs = (u: Record<UnitId, MeasuredUnit>, f = facts()): ModelInputs => ({
  units: u,
  customMetrics: ['Visits/A{service=x}', 'Visits/B{service=x}'],
  facts: f,
  prices,
  initMs: {},
});
const lineOf = (lines: readonly { what: string; usdPerMonth: number; quantityPerMonth: number }[], what: string) => {
  const found = lines.find((l) => l.what === what);
  if (!found) throw new Error(`no line ${what}: ${lines.map((l) => l.what).join(', ')}`);
  return found;
};

describe('the price file', () => {
  it('has every price the model uses, each with its AWS pricing page and whether it was confirmed', () => {
    expect(Object.keys(prices.prices).sort()).toEqual([...PRICE_IDS].sort());
    for (const p of Object.values(prices.prices)) expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    expect(prices.region).toBe('eu-west-2');
    expect(prices.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a file that leaves a price out, naming it', () => {
    const { 'ses.messages': _gone, ...rest } = prices.prices;
    expect(() => parsePrices({ ...prices, prices: rest }, 'prices.json')).toThrow(/prices\.json: prices\.ses\.messages/);
  });

  it('turns a list price into dollars per unit and back into the words of the page', () => {
    expect(unitPrice({ usd: 0.2, per: 1_000_000, unit: 'requests', source: 'https://aws.amazon.com/lambda/pricing/', sure: true })).toBeCloseTo(2e-7, 12);
    expect(priceLabel({ usd: 1.11, per: 1_000_000, unit: 'HTTP API requests', source: 'https://aws.amazon.com/api-gateway/pricing/', sure: false })).toBe(
      '$1.11 per 1,000,000 HTTP API requests (unconfirmed)',
    );
  });
});

describe('a month of a scenario', () => {
  it('scales what one unit was measured to use by how many units the month brings', () => {
    const u = units({ visit: { count: 10, usage: { renderReport: { 'lambda.invocations': 10, 'lambda.ms': 5_000, 's3.tier1': 30 } }, tableBytes: 1 } });
    const m = monthOf(u, only({ visit: 250 }), facts());
    expect(m.usage.renderReport).toEqual({ 'lambda.invocations': 250, 'lambda.ms': 125_000, 's3.tier1': 750 });
  });

  it('scales a Scan to the table the storage month holds, not the one it was measured on', () => {
    const u = units({
      signalRow: { count: 1_000, usage: { table: { 'ddb.tableBytes': 1_000 * 1_000 } }, tableBytes: 1 },
      reminderRun: { count: 1, usage: { findingsReminders: { 'ddb.scanReadUnits': 100 } }, tableBytes: 2 * MB },
    });
    // 12 months of 1,000 signals a month at 1,000 bytes each: a 12 MB table, six times the 2 MB measured.
    const m = monthOf(u, only({ signalRow: 1_000, reminderRun: 30 }), facts());
    expect(m.tableBytes).toBe(12_000_000);
    expect(m.usage.findingsReminders!['ddb.scanReadUnits']).toBeCloseTo(30 * 100 * (12_000_000 / (2 * MB)), 6);
  });

  it('holds snapshot rows once but piles up everything else month after month', () => {
    const u = units({
      providerRow: { count: 100, usage: { table: { 'ddb.storedBytes': 100 * 2_000 } }, tableBytes: 1 },
      visit: { count: 10, usage: { table: { 'ddb.storedBytes': 10 * 5_000 } }, tableBytes: 1 },
    });
    const m = monthOf(u, only({ providerRow: 2_800, visit: 250 }, 12), facts());
    expect(m.storedBytes).toBe(2_800 * 2_000 + 12 * 250 * 5_000);
  });

  it('keeps S3 objects as long as their prefix does: imports 90 days, reports for good', () => {
    expect(monthsHeld('imports/', facts(), 12)).toBeCloseTo(90 / (365.25 / 12), 6);
    expect(monthsHeld('reports/', facts(), 12)).toBe(12);
    const u = units({ visit: { count: 1, usage: { renderReport: { 's3.bytesPut:reports/': MB } }, tableBytes: 1 } });
    expect(monthOf(u, only({ visit: 100 }), facts()).s3BytesHeld).toEqual({ 'reports/': 1_200 * MB });
  });
});

describe('the cost of a month', () => {
  it('prices Lambda duration from measured milliseconds, billed INIT and the memory the stack gives the function', () => {
    const f = facts();
    const big = { ...f, functions: { ...f.functions, prioritise: { ...f.functions.prioritise, memoryMb: 2048 } } };
    const u = units({ prioritiseRun: { count: 1, usage: { prioritise: { 'lambda.invocations': 1, 'lambda.ms': 4_000 } }, tableBytes: 1 } });
    const cost = costScenario({ ...inputs(u, big), initMs: { prioritise: 200 } }, only({ prioritiseRun: 30 }));
    const line = lineOf(cost.lines, 'Duration: prioritise (2048 MB, arm64)');
    expect(line.quantityPerMonth).toBeCloseTo(30 * 4.2 * 2, 9);
    expect(line.usdPerMonth).toBeCloseTo(30 * 4.2 * 2 * 0.0000133334, 9);
  });

  it('charges transactional writes twice, as DynamoDB does', () => {
    const u = units({ visit: { count: 1, usage: { ingestFindings: { 'ddb.writeUnits': 3, 'ddb.transactWriteUnits': 4 } }, tableBytes: 1 } });
    const cost = costScenario(inputs(u), only({ visit: 1_000_000 }));
    expect(lineOf(cost.lines, 'Write request units').quantityPerMonth).toBe(11_000_000);
    expect(lineOf(cost.lines, 'Write request units').usdPerMonth).toBeCloseTo(11 * 0.7423, 9);
  });

  it('still pays the fixed costs of the stack in a month with no work at all', () => {
    const cost = costScenario(inputs(units()), only({}));
    expect(lineOf(cost.lines, 'Alarms').usdPerMonth).toBeCloseTo(2.3, 9);
    expect(lineOf(cost.lines, 'Dashboards').usdPerMonth).toBe(3);
    expect(lineOf(cost.lines, 'Custom metrics').usdPerMonth).toBeCloseTo(0.6, 9);
    expect(lineOf(cost.lines, 'Secrets').usdPerMonth).toBeCloseTo(0.4, 9);
    expect(lineOf(cost.lines, 'Idle polling by the event source').quantityPerMonth).toBeCloseTo(ESTIMATES.sqsIdleReceivesPerMonth, 6);
    expect(cost.usdPerMonth).toBeCloseTo(
      cost.lines.reduce((a, l) => a + l.usdPerMonth, 0),
      2,
    );
  });

  it('gives every line a price, a quantity and a sentence saying where it comes from', () => {
    const cost = costScenario(inputs(units()), scenario('national', NATIONAL));
    for (const l of cost.lines) {
      expect(l.explanation).toMatch(/^[A-Z0-9].{20,}\.$/);
      expect(l.usdPerMonth).toBeCloseTo(l.quantityPerMonth * l.unitPriceUsd, 9);
    }
  });

  it('takes a cold start for every invocation until a function runs more than once every 5 minutes', () => {
    expect(coldStarts(100)).toBe(100);
    expect(coldStarts(1_000_000)).toBeCloseTo(12 * 24 * (365.25 / 12), 6);
  });

  it('warns when one invocation would have more to do than its timeout allows', () => {
    const u = units({ digestEmail: { count: 10, usage: { weeklyDigest: { 'lambda.ms': 10 * 100 } }, tableBytes: 1 } });
    const stress = scenario('stress', stressRemit());
    // 53,571 digests of 100 ms each in one run: about 5,357 s, past a 300 s timeout.
    const f = { ...facts(), functions: { ...facts().functions, weeklyDigest: { ...facts().functions.weeklyDigest, timeoutSeconds: 300 } } };
    expect(longRuns(inputs(u, f), stress)).toEqual([
      expect.stringMatching(/^weeklyDigest: a weekly digest to 53,571 commissioners would take about 5,357 s .* past its 300 s timeout\.$/),
    ]);
    // 1,500 of them take about 150 s: within the timeout.
    expect(longRuns(inputs(u, f), scenario('national', NATIONAL))).toEqual([]);
  });
});

describe('the scenarios', () => {
  it('bring the national service the stated work: 2,800 providers a snapshot, 250 visits and 2,500 report emails a month', () => {
    const s = scenario('national', NATIONAL);
    expect(s.monthly.providerRow).toBe(2_800);
    expect(s.monthly.visit).toBe(250);
    expect(s.monthly.reportEmail).toBe(2_500);
    expect(s.monthly.signalRow).toBeCloseTo(20_000 / 12, 9);
  });

  it('scale the stress remit with its providers, keeping the 152 local authorities', () => {
    const r = stressRemit();
    expect(r).toMatchObject({ providers: 100_000, signalsPerYear: 1_000_000, localAuthorities: 152, visitsPerYear: 107_143, commissioners: 53_571 });
  });
});
