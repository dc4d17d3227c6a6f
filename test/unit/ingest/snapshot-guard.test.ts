import { describe, expect, it } from 'vitest';
import { closuresHold, olderHold, snapshotDateFromName, snapshotDateFromRow } from '../../../shared/ingest/snapshot-guard';

const guard = { maxClosureShare: 0.1, confirmed: false, confirmationKey: 'imports/a/p.csv.confirm' };

describe('the snapshot guard', () => {
  it('reads a snapshot date from a file name, in the ways people write it', () => {
    expect(snapshotDateFromName('providers-as-at-2018-03-31.csv')).toBe('2018-03-31');
    expect(snapshotDateFromName('providers_20180331.csv')).toBe('2018-03-31');
    expect(snapshotDateFromName('providers 31-03-2018.csv')).toBe('2018-03-31');
    expect(snapshotDateFromName('export-12345678 31.03.2018.csv')).toBe('2018-03-31');
    expect(snapshotDateFromName('providers-2018-02-31.csv')).toBeUndefined();
    expect(snapshotDateFromName('providers.csv')).toBeUndefined();
  });

  it('reads it from an "as at" row above the header', () => {
    expect(snapshotDateFromRow(["Children's social care providers as at 31 March 2018", '', ''])).toBe('2018-03-31');
    expect(snapshotDateFromRow(['As at:', '31/03/2018'])).toBe('2018-03-31');
    expect(snapshotDateFromRow(['Data as at 2018-03-31'])).toBe('2018-03-31');
    expect(snapshotDateFromRow(['Provider information', 'Latest Full Inspection'])).toBeUndefined();
    expect(snapshotDateFromRow(['As at 31 Smarch 2018'])).toBeUndefined();
  });

  it('holds closures over the share, not at it, and never once confirmed', () => {
    expect(closuresHold({ wouldClose: 10, openProviders: 100 }, guard)).toBeUndefined();
    expect(closuresHold({ wouldClose: 11, openProviders: 100 }, guard)).toMatchObject({ reason: 'closures', wouldClose: 11, openProviders: 100 });
    expect(closuresHold({ wouldClose: 99, openProviders: 100 }, { ...guard, confirmed: true })).toBeUndefined();
    expect(closuresHold({ wouldClose: 0, openProviders: 0 }, guard)).toBeUndefined();
  });

  it('holds a snapshot older than the latest applied only when both dates are known', () => {
    const held = olderHold('2017-03-31', '2018-03-31', guard);
    expect(held).toMatchObject({ reason: 'older', latestAsAt: '2018-03-31' });
    expect(held?.confirm).toContain('imports/a/p.csv.confirm');
    expect(olderHold('2018-03-31', '2018-03-31', guard)).toBeUndefined();
    expect(olderHold(undefined, '2018-03-31', guard)).toBeUndefined();
    expect(olderHold('2017-03-31', undefined, guard)).toBeUndefined();
    expect(olderHold('2017-03-31', '2018-03-31', { ...guard, confirmed: true })).toBeUndefined();
  });
});
