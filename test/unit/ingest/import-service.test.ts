import { describe, expect, it } from 'vitest';
import { REFERENCE_BATCH, runImport, type ImportPorts, type ImportProgress } from '../../../shared/ingest/import-service';
import { syntheticProviderCsv } from '../../support/synthetic-csv';

/**
 * In-memory ports. The snapshot store models the open providers index: each provider item written
 * is open and listed by its snapshot; closing marks the ones another snapshot listed.
 */
class Store {
  readonly items: Record<string, unknown>[] = [];
  readonly providers = new Map<string, { snapshotId: string; open: boolean }>();
  readonly lookups: string[][] = [];
  latest: string | undefined;

  ports(csv: string, over: Partial<ImportPorts> = {}): ImportPorts {
    return {
      size: Buffer.byteLength(csv),
      etag: 'etag-1',
      fileName: 'upload.csv',
      limits: { maxBytes: 1024 * 1024 * 1024, maxRowChars: 100_000 },
      guard: { maxClosureShare: 0.1, confirmed: false, confirmationKey: 'imports/x/upload.csv.confirm' },
      now: () => 0,
      read: async function* () {
        yield Buffer.from(csv);
      },
      put: async (item) => {
        this.items.push(item);
        if (item.entity === 'provider') this.providers.set(String(item.urn), { snapshotId: String(item.snapshotId), open: true });
      },
      flush: async () => undefined,
      snapshots: {
        countAbsent: async (snap) => this.absent(snap).length,
        closeAbsent: async (snap) => this.absent(snap).map((p) => (p.open = false)).length,
        latestAsAt: async () => this.latest,
        recordApplied: async (asAt) => void (this.latest = !this.latest || asAt > this.latest ? asAt : this.latest),
      },
      knownProviders: async (urns) => {
        this.lookups.push([...urns]);
        return new Set(urns.filter((u) => this.providers.has(u)));
      },
      ...over,
    };
  }

  private absent(snapshotId: string) {
    return [...this.providers.values()].filter((p) => p.open && p.snapshotId !== snapshotId);
  }

  get open(): number {
    return [...this.providers.values()].filter((p) => p.open).length;
  }
}

const INTEL = 'Signal ID,Date,URN,Local authority,Type,Severity,Status,Summary';
const signals = (urns: string[]) => [INTEL, ...urns.map((u, i) => `SIG-${i},01/02/2020,${u},,complaint,1,,A complaint`)].join('\n') + '\n';

describe('runImport', () => {
  it('reports progress every N rows, then once before closing absent providers, and closes for this snapshot', async () => {
    const store = new Store();
    const seen: ImportProgress[] = [];
    const report = await runImport(
      'id',
      'imports/x.csv',
      store.ports(syntheticProviderCsv(25, 'SC'), { progress: (x) => seen.push(x), progressEveryRows: 10 }),
    );
    expect(report).toMatchObject({ kind: 'providers', status: 'accepted', rows: 25, accepted: 25, closed: 0, warnings: [] });
    expect(seen).toEqual([
      { stage: 'rows', rows: 10, accepted: 10 },
      { stage: 'rows', rows: 20, accepted: 20 },
      { stage: 'closing', rows: 25, accepted: 25 },
    ]);
    expect(store.items.filter((i) => i.entity === 'provider').every((i) => String(i.gsi2sk).startsWith('etag-1#'))).toBe(true);
  });

  it('closes nothing and says nothing of closing for a file of another kind', async () => {
    const store = new Store();
    const seen: ImportProgress[] = [];
    const report = await runImport('id', 'imports/s.csv', store.ports(signals(['SC000001']), { progress: (x) => seen.push(x) }));
    expect(report).toMatchObject({ kind: 'intelligence', status: 'accepted', accepted: 1 });
    expect(report).not.toHaveProperty('closed');
    expect(seen).toEqual([]);
  });

  it('says "accepted with rejections" when some rows were rejected, and lists them', async () => {
    const store = new Store();
    const csv = `${signals(['SC000001'])}SIG-9,31/02/2020,SC000001,,complaint,1,,Bad date\n`;
    const report = await runImport('id', 'imports/s.csv', store.ports(csv));
    expect(report).toMatchObject({ status: 'accepted with rejections', rows: 2, accepted: 1 });
    expect(report.rejected).toEqual([expect.objectContaining({ line: 3, column: 'Date' })]);
  });

  it('goes on after rows whose quotes are never closed, rejecting each at its own line', async () => {
    const store = new Store();
    const unclosed = Array.from({ length: 3 }, (_, i) => `SIG-${i},01/02/2020,SC1,,complaint,1,,"${'x'.repeat(50)}`);
    const report = await runImport(
      'id',
      'imports/s.csv',
      store.ports([INTEL, ...unclosed, 'SIG-9,01/02/2020,SC1,,complaint,1,,ok'].join('\n'), { limits: { maxBytes: 1e9, maxRowChars: 80 } }),
    );
    expect(report).toMatchObject({ kind: 'intelligence', status: 'accepted with rejections', rows: 4, accepted: 1 });
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('refuses a file it cannot read at all, with the kind its header showed and the reason', async () => {
    const store = new Store();
    const empty = await runImport('id', 'imports/s.csv', store.ports(`${INTEL}\n`));
    expect(empty).toMatchObject({ kind: 'intelligence', status: 'rejected' });
    expect(empty.error).toMatch(/no data rows/);
    const unknown = await runImport('id', 'imports/s.csv', store.ports('Colour,Shape\nred,square\n'));
    expect(unknown).toMatchObject({ kind: null, status: 'rejected' });
    expect(unknown.error).toMatch(/do not match/);
  });
});

describe('the snapshot guard', () => {
  const full = syntheticProviderCsv(100, 'SC');
  const partial = syntheticProviderCsv(30, 'SC');

  it('holds a snapshot that would close more than the policy share: its rows are written, nothing is closed, the report says how to confirm', async () => {
    const store = new Store();
    await runImport('a', 'imports/full.csv', store.ports(full));
    const report = await runImport('b', 'imports/partial.csv', store.ports(partial, { etag: 'etag-2' }));
    expect(report).toMatchObject({ status: 'held', accepted: 30, held: { reason: 'closures', wouldClose: 70, openProviders: 100, maxClosureShare: 0.1 } });
    expect(report).not.toHaveProperty('closed');
    expect(report.held?.confirm).toContain('--confirm-closures');
    expect(report.held?.confirm).toContain('imports/x/upload.csv.confirm');
    expect(store.open).toBe(100);
  });

  it('applies a held snapshot once confirmed, and confirming it again closes nothing more', async () => {
    const store = new Store();
    await runImport('a', 'imports/full.csv', store.ports(full));
    await runImport('b', 'imports/partial.csv', store.ports(partial, { etag: 'etag-2' }));
    const confirmed = { maxClosureShare: 0.1, confirmed: true, confirmationKey: 'k' };
    const applied = await runImport('b', 'imports/partial.csv', store.ports(partial, { etag: 'etag-2', guard: confirmed }));
    expect(applied).toMatchObject({ status: 'accepted', closed: 70 });
    expect(store.open).toBe(30);
    const again = await runImport('b', 'imports/partial.csv', store.ports(partial, { etag: 'etag-2', guard: confirmed }));
    expect(again).toMatchObject({ status: 'accepted', closed: 0 });
    expect(store.open).toBe(30);
  });

  it('applies a snapshot whose closures are exactly the policy share', async () => {
    const store = new Store();
    await runImport('a', 'imports/full.csv', store.ports(full));
    // 90 listed, 10 left out: 10 of 100 open providers is 10%.
    const report = await runImport('b', 'imports/p.csv', store.ports(syntheticProviderCsv(90, 'SC'), { etag: 'etag-2' }));
    expect(report).toMatchObject({ status: 'accepted', closed: 10 });
  });

  it('holds a snapshot dated before the latest applied, writing nothing; the date may come from the file name or a row above the header', async () => {
    const store = new Store();
    await runImport('a', 'imports/p.csv', store.ports(full, { fileName: 'providers-as-at-2018-03-31.csv' }));
    expect(store.latest).toBe('2018-03-31');
    const written = store.items.length;
    const byName = await runImport('b', 'imports/q.csv', store.ports(full, { etag: 'etag-2', fileName: 'providers-as-at-2017-03-31.csv' }));
    expect(byName).toMatchObject({ status: 'held', rows: 0, accepted: 0, asAt: '2017-03-31', held: { reason: 'older', latestAsAt: '2018-03-31' } });
    const [group, header, ...rows] = full.split('\n');
    const dated = ['Providers as at 30 September 2017', group, header, ...rows].join('\n');
    const byRow = await runImport('c', 'imports/r.csv', store.ports(dated, { etag: 'etag-3', fileName: 'providers.csv' }));
    expect(byRow).toMatchObject({ status: 'held', asAt: '2017-09-30', held: { reason: 'older' } });
    expect(store.items.length).toBe(written);
  });

  it('applies an older snapshot once confirmed, and a newer or undated one without asking', async () => {
    const store = new Store();
    await runImport('a', 'imports/p.csv', store.ports(full, { fileName: 'providers-as-at-2018-03-31.csv' }));
    const confirmed = await runImport(
      'b',
      'imports/q.csv',
      store.ports(full, { etag: 'etag-2', fileName: 'providers-2017-03-31.csv', guard: { maxClosureShare: 0.1, confirmed: true, confirmationKey: 'k' } }),
    );
    expect(confirmed).toMatchObject({ status: 'accepted', asAt: '2017-03-31' });
    expect(store.latest).toBe('2018-03-31');
    expect(await runImport('c', 'imports/r.csv', store.ports(full, { etag: 'etag-3', fileName: 'providers-2019-03-31.csv' }))).toMatchObject({
      status: 'accepted',
    });
    expect(store.latest).toBe('2019-03-31');
    expect(await runImport('d', 'imports/s.csv', store.ports(full, { etag: 'etag-4', fileName: 'providers.csv' }))).toMatchObject({ status: 'accepted' });
  });
});

describe('rows that refer to a provider we do not hold', () => {
  it('are stored with a warning, the URNs looked up in batches and each URN once', async () => {
    const store = new Store();
    await runImport('a', 'imports/p.csv', store.ports(syntheticProviderCsv(5, 'SC')));
    const known = [...store.providers.keys()];
    const unknown = Array.from({ length: 250 }, (_, i) => `SC9${String(i).padStart(6, '0')}`);
    const urns = [...known, ...unknown, unknown[0]!, known[0]!];
    const report = await runImport('b', 'imports/s.csv', store.ports(signals(urns), { etag: 'etag-2' }));
    expect(report).toMatchObject({ status: 'accepted', accepted: urns.length });
    expect(report.warnings).toHaveLength(251);
    expect(report.warnings[0]).toMatchObject({ line: 7, column: 'URN' });
    expect(report.warnings[0]?.reason).toMatch(/^SC9000000 is not a provider we hold: the row was stored/);
    expect(report.warnings.filter((w) => w.reason.startsWith('SC9000000 ')).map((w) => w.line)).toEqual([7, 257]);
    expect(store.lookups.every((batch) => batch.length <= REFERENCE_BATCH)).toBe(true);
    expect(store.lookups.flat().sort()).toEqual([...known, ...unknown].sort());
  });

  it('warn for a factual accuracy contact too, naming the URN column', async () => {
    const store = new Store();
    const csv =
      'URN,Local authority,Name,Email,Role\nSC404,,Ann Lee,ann@home.example.org.uk,Registered manager\n,Leeds,Bo Ray,bo@leeds.example.gov.uk,Director\n';
    const report = await runImport('c', 'imports/c.csv', store.ports(csv));
    expect(report).toMatchObject({ kind: 'contacts', status: 'accepted', accepted: 2 });
    expect(report.warnings).toEqual([expect.objectContaining({ line: 2, column: 'URN' })]);
  });
});
