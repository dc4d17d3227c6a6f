import { describe, expect, it } from 'vitest';
import { buckets, prefixes } from '../../../infra/catalogue';
import { briefingKey, editionKey, objectKeys, PUBLIC_REPORT_KEY, publicReportKey, publishedIndexKey, restrictedPrefixes } from '../../../shared/object-keys';

describe('S3 object keys', () => {
  it('writes an import report beside the upload path, under import-reports/', () => {
    expect(objectKeys.importReports('imports/20201001T101010-abc123/providers.csv')).toEqual({
      json: 'import-reports/20201001T101010-abc123/providers.csv.json',
      text: 'import-reports/20201001T101010-abc123/providers.csv.txt',
    });
  });

  it('puts each upload by the import command in its own timestamped folder', () => {
    expect(objectKeys.importUpload('providers.csv', new Date('2020-10-01T10:10:10.123Z'), 'abc123')).toBe('imports/20201001T101010-abc123/providers.csv');
  });

  it('quarantines a findings upload under its visit and submission, or under unmatched/ with a hash of the key', () => {
    expect(objectKeys.quarantine({ key: 'findings/v-1/s-1.json', visitId: 'v-1', submissionId: 's-1' })).toEqual({
      copy: 'quarantine/v-1/s-1.json',
      reasons: 'quarantine/v-1/s-1.reasons.json',
    });
    const unmatched = objectKeys.quarantine({ key: 'findings/odd key.txt' });
    expect(unmatched.copy).toMatch(/^quarantine\/unmatched\/[0-9a-f]{32}\.json$/);
    expect(unmatched.reasons).toBe(unmatched.copy.replace(/\.json$/, '.reasons.json'));
  });

  it('keeps a public report at one address per visit, and only that shape reads as a public report', () => {
    const place = { localAuthority: 'St Helens', target: 'SC123456', visitId: 'v-2020-0001' };
    const key = publicReportKey(place, 'pdf');
    expect(key).toBe('reports/st-helens/sc123456/v-2020-0001/report.pdf');
    expect(PUBLIC_REPORT_KEY.exec(key)?.slice(1)).toEqual(['v-2020-0001', 'pdf']);
    for (const other of [
      'reports/index.html',
      'reports/../programme/current/index.html',
      'programme/current/index.html',
      'reports/a/b/c/report.txt',
      'reports/A/b/c/report.html',
      briefingKey('v-1', 1, 'html'),
    ]) {
      expect(PUBLIC_REPORT_KEY.test(other), other).toBe(false);
    }
  });

  it('keeps briefings and earlier editions under restricted/, which the public site never reads', () => {
    for (const key of [briefingKey('v-1', 2, 'pdf'), editionKey('v-1', 1, 'html'), ...restrictedPrefixes('v-1')]) {
      expect(key.startsWith(prefixes.restricted), key).toBe(true);
      expect(key.startsWith(prefixes.reports), key).toBe(false);
    }
  });

  it('keeps the programme files under programme/, never under the public reports/ prefix', () => {
    const key = objectKeys.programmeFile(objectKeys.currentProgrammeFolder, 'programme.csv');
    expect(key).toBe('programme/current/programme.csv');
    expect(key.startsWith(prefixes.reports)).toBe(false);
  });

  it("builds every key under one of its bucket's catalogue prefixes", () => {
    const built: [keyof typeof buckets, string][] = [
      ['imports', objectKeys.sampleImport('a.csv')],
      ['imports', objectKeys.importReports('imports/x/a.csv').json],
      ['imports', objectKeys.policy('2020-1')],
      ['findings', objectKeys.findingsUpload('v-1', 's-1')],
      ['findings', objectKeys.quarantineOfVisit('v-1')],
      ['reports', publishedIndexKey],
      ['reports', briefingKey('v-1', 1, 'pdf')],
      ['reports', objectKeys.programmeFile('p-1', 'index.html')],
    ];
    for (const [bucket, key] of built)
      expect(
        buckets[bucket].prefixes.some((p: string) => key.startsWith(p)),
        key,
      ).toBe(true);
  });
});
