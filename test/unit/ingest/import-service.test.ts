import { describe, expect, it } from 'vitest';
import { runImport, type ImportPorts, type ImportProgress } from '../../../shared/ingest/import-service';
import { syntheticProviderCsv } from '../../support/synthetic-csv';

/** In-memory ports: the import service is pure apart from them. */
function ports(csv: string, over: Partial<ImportPorts> = {}): ImportPorts & { items: Record<string, unknown>[]; closedFor: string[] } {
  const items: Record<string, unknown>[] = [];
  const closedFor: string[] = [];
  return {
    items,
    closedFor,
    size: Buffer.byteLength(csv),
    etag: 'etag-1',
    maxBytes: 1024 * 1024 * 1024,
    now: () => 0,
    read: async function* () {
      yield Buffer.from(csv);
    },
    put: async (item) => void items.push(item),
    flush: async () => undefined,
    closeProvidersAbsentFrom: async (snapshotId) => (closedFor.push(snapshotId), 3),
    ...over,
  };
}

describe('runImport', () => {
  it('reports progress every N rows, then once before closing absent providers, and closes for this snapshot', async () => {
    const csv = syntheticProviderCsv(25, 'SC');
    const seen: ImportProgress[] = [];
    const p = ports(csv, { progress: (x) => seen.push(x), progressEveryRows: 10 });
    const report = await runImport('id', 'imports/x.csv', p);
    expect(report).toMatchObject({ kind: 'providers', status: 'accepted', rows: 25, accepted: 25, closed: 3 });
    expect(seen).toEqual([
      { stage: 'rows', rows: 10, accepted: 10 },
      { stage: 'rows', rows: 20, accepted: 20 },
      { stage: 'closing', rows: 25, accepted: 25 },
    ]);
    expect(p.closedFor).toEqual(['etag-1']);
    expect(p.items.filter((i) => i.entity === 'provider').every((i) => String(i.gsi2sk).startsWith('etag-1#'))).toBe(true);
  });

  it('closes nothing and says nothing of closing for a file of another kind', async () => {
    const csv = 'Signal ID,Date,URN,Local authority,Type,Severity,Open,Summary\nSIG-1,01/02/2020,SC000001,,complaint,1,,A complaint\n';
    const seen: ImportProgress[] = [];
    const p = ports(csv, { progress: (x) => seen.push(x) });
    const report = await runImport('id', 'imports/s.csv', p);
    expect(report).toMatchObject({ kind: 'intelligence', accepted: 1 });
    expect(report).not.toHaveProperty('closed');
    expect(seen).toEqual([]);
    expect(p.closedFor).toEqual([]);
  });
});
