import { describe, expect, it } from 'vitest';
import { indexGrowth, INDEX_VIEW_SHARE, type PublishedIndexGrowth } from '../../../bench/cost/index-growth';
import { NATIONAL, scenario, stressRemit } from '../../../bench/cost/scenarios';

const measured: PublishedIndexGrowth = { reportsMeasured: 20, fixedBytes: 10_000, bytesPerReport: 500, readUnitsPerReport: 0.1 };

describe('the published index as it grows', () => {
  it('lists every report published by the storage month: 3,000 for the national service in month 12', () => {
    const g = indexGrowth(measured, scenario('national', NATIONAL));
    expect(g.reportsListed).toBe(3_000);
    expect(g.indexBytes).toBe(10_000 + 500 * 2_999);
    expect(g.warning).toBeUndefined();
  });

  it('reads the whole list again on each publication, beyond what the season paid for', () => {
    const g = indexGrowth(measured, scenario('national', NATIONAL));
    expect(g.readUnits).toBeCloseTo(250 * 0.1 * (3_000 - 10), 6);
  });

  it('keeps every rewrite a year as an old version: month m adds 250 rewrites of an index of 250 m reports', () => {
    const g = indexGrowth(measured, scenario('national', NATIONAL));
    let expected = 0;
    for (let m = 1; m <= 12; m++) expected += 250 * 500 * (250 * m - 10);
    expect(g.s3BytesHeld).toBeCloseTo(expected, 3);
  });

  it('serves the whole index to a third of the page views, metered per 512 KB by the HTTP API', () => {
    const s = scenario('national', NATIONAL);
    const g = indexGrowth(measured, s);
    expect(g.bytesOut).toBeCloseTo(20_000 * INDEX_VIEW_SHARE * 500 * (3_000 - 20), 3);
    expect(g.httpRequests).toBeCloseTo(20_000 * INDEX_VIEW_SHARE * (Math.ceil(g.indexBytes / (512 * 1024)) - 1), 6);
  });

  it('warns when the index outgrows what a Lambda response can carry', () => {
    const g = indexGrowth(measured, scenario('stress', stressRemit()));
    expect(g.warning).toMatch(
      /^publicSite: the reports index would list 107,143 reports in month 12 \(51\.1 MB\), past the 6\.0 MB a Lambda response can carry/,
    );
  });
});
