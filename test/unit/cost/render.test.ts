import { describe, expect, it } from 'vitest';
import type { CostBench } from '../../../bench/cost/index';
import type { CostLine } from '../../../bench/cost/model';
import { renderCost } from '../../../bench/cost/render';

const line = (service: string, what: string, usd: number): CostLine => ({
  service,
  what,
  quantityPerMonth: usd * 10,
  unit: 'things',
  unitPriceUsd: 0.1,
  price: '$0.1 per things',
  priceSure: true,
  usdPerMonth: usd,
  explanation: `Why ${what} | costs that.`,
});

function bench(): CostBench {
  const national = {
    usdPerMonth: 12.6,
    lines: [line('Lambda', 'Requests', 0.01), line('CloudWatch', 'Alarms', 2.3)],
    assumptions: ['2,800 providers.'],
    warnings: [],
    byService: { Lambda: 0.01, CloudWatch: 2.3 },
  };
  const stress = {
    usdPerMonth: 400,
    lines: [line('Lambda', 'Requests', 0.42), line('CloudWatch', 'Alarms', 2.3)],
    assumptions: ['100,000 providers.'],
    warnings: ['weeklyDigest: too long.'],
    byService: { Lambda: 0.42, CloudWatch: 2.3 },
  };
  return {
    national,
    stress,
    goal: { nationalUnderUsd: 50, met: true },
    prices: {
      file: 'bench/cost/prices-eu-west-2.json',
      region: 'eu-west-2',
      recordedOn: '2026-11-27',
      unconfirmed: ['logs.ingestion'],
      freeTiers: 'No free tier is applied.',
    },
    season: {
      providers: 2797,
      visits: 20,
      nightlyRuns: 7,
      reportEmailsPerVisit: 1.2,
      customMetrics: [],
      publishedIndex: { reportsMeasured: 20, fixedBytes: 9000, bytesPerReport: 400, readUnitsPerReport: 0.1 },
      perUnit: {} as CostBench['season']['perUnit'],
    },
  };
}

describe('the cost tables', () => {
  it('sum each service per month for both scenarios, then list every line with its price and reason', () => {
    const md = renderCost(bench());
    expect(md).toContain('National service: **$12.60 a month** (goal under $50: met); stress remit: **$400.00 a month**.');
    expect(md).toContain('| Lambda | $0.01 | $0.42 |');
    expect(md).toContain('| **Total** | **$12.60** | **$400.00** |');
    expect(md).toContain('| CloudWatch | Alarms | 23 | $0.1 per things | $2.30 | Why Alarms \\| costs that. |');
    expect(md).toContain('- weeklyDigest: too long.');
    expect(md).toContain('unconfirmed: logs.ingestion');
  });
});
