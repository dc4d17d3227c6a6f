import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityItems } from '../../../shared/ingest/kinds';
import { keys, openProviderShard, openProviderShards } from '../../../shared/keys';
import { aProvider } from '../../support/builders';

/** The bounds as DynamoDB applies them: sort keys compare as UTF-8 bytes. */
const isOther = (sk: string, b: { before: string; after: string }) =>
  Buffer.compare(Buffer.from(sk), Buffer.from(b.before)) < 0 || Buffer.compare(Buffer.from(sk), Buffer.from(b.after)) >= 0;

describe('the open providers index (gsi2)', () => {
  it('puts an open provider in its shard, sorted by the snapshot that listed it; a closed one not at all', () => {
    const [open] = entityItems({ kind: 'providers', entity: aProvider('SC123456', { snapshotId: 'abc123' }) });
    expect(open).toMatchObject({ gsi2pk: `OPEN_PROVIDERS#${openProviderShard('SC123456')}`, gsi2sk: 'abc123#SC123456' });
    const [closed] = entityItems({ kind: 'providers', entity: aProvider('SC123456', { status: 'closed' }) });
    expect(closed).not.toHaveProperty('gsi2pk');
    expect(closed).not.toHaveProperty('gsi2sk');
  });

  it('spreads URNs evenly over the shards', () => {
    const counts = new Array<number>(openProviderShards).fill(0);
    for (let i = 0; i < 160_000; i++) {
      const shard = openProviderShard(`SC${String(i).padStart(6, '0')}`);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    // Each shard within 5% of the mean (10,000).
    expect(Math.min(...counts)).toBeGreaterThan(9_500);
    expect(Math.max(...counts)).toBeLessThan(10_500);
  });

  it('its bounds select exactly the providers listed by another snapshot', () => {
    // S3 ETags: hex, with "-N" for multipart uploads; URNs: digits with an optional SC prefix.
    const snapshot = fc.oneof(fc.stringMatching(/^[0-9a-f]{1,32}$/), fc.stringMatching(/^[0-9a-f]{1,32}-[0-9]{1,4}$/));
    const urn = fc.stringMatching(/^(SC)?[0-9]{6,8}$/);
    fc.assert(
      fc.property(snapshot, snapshot, urn, (current, listedBy, u) => {
        const sk = keys.openProvider(u, listedBy).gsi2sk;
        expect(isOther(sk, keys.otherSnapshotBounds(current))).toBe(listedBy !== current);
      }),
      { numRuns: 2000 },
    );
  });
});
