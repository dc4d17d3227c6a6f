import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactKey, FirstSeen } from '../../../shared/ingest/first-seen';

describe('FirstSeen (the duplicate-key memory of one import)', () => {
  it('holds URN-shaped keys as small integers, keeping leading zeros and the SC prefix distinct', () => {
    const keys = ['SC035690', 'SC35690', '035690', '35690', '1234567', 'SC1234567', '12345678', 'SC12345678'];
    const codes = keys.map(compactKey);
    expect(codes.every((c) => c !== undefined && Number.isInteger(c) && Math.abs(c) < 2 ** 30)).toBe(true);
    expect(new Set(codes).size).toBe(keys.length);
    expect(compactKey('123456789')).toBeUndefined();
    expect(compactKey('sig-0001')).toBeUndefined();
    expect(compactKey('priya.shah@council.example.gov.uk')).toBeUndefined();
  });

  it('answers exactly as a Map would, for any mix of keys', () => {
    const key = fc.oneof(fc.stringMatching(/^(SC)?\d{1,9}$/), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat()), { maxLength: 200 }), (entries) => {
        const ours = new FirstSeen();
        const map = new Map<string, number>();
        for (const [k, line] of entries) {
          expect(ours.get(k)).toBe(map.get(k));
          if (!map.has(k)) {
            map.set(k, line);
            ours.set(k, line);
          }
        }
        expect(ours.size).toBe(map.size);
      }),
    );
  });
});
