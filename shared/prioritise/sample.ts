/**
 * The good/outstanding LA sample: drawn stratified by Ofsted region with the policy's seed, so the
 * same seed draws the same LAs, every region is represented where it can be, and only LAs judged
 * good or outstanding can be drawn.
 */
import { mulberry32 } from '../ingest/random';

export interface SampleCandidate {
  readonly name: string;
  readonly region: string;
}

export interface RegionSample {
  readonly region: string;
  readonly pool: number;
  readonly drawn: string[];
}

/**
 * Draw `size` candidates: each region gets a share proportional to its pool (largest remainders),
 * at least one where the pool allows and the size is large enough; within a region a seeded
 * Fisher-Yates shuffle of the names (sorted first, so input order never matters).
 */
export function drawStratifiedSample(candidates: readonly SampleCandidate[], size: number, seed: number): RegionSample[] {
  const byRegion = new Map<string, string[]>();
  for (const c of candidates) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c.name]);
  const regions = [...byRegion.keys()].sort();
  const total = candidates.length;
  const target = Math.max(0, Math.min(size, total));
  const quota = new Map<string, number>(regions.map((r) => [r, 0]));
  if (target > 0) {
    // One per region first (in region order) while the sample is large enough.
    for (const r of regions) if ([...quota.values()].reduce((a, b) => a + b, 0) < target) quota.set(r, 1);
    let left = target - [...quota.values()].reduce((a, b) => a + b, 0);
    const rest = total - regions.filter((r) => quota.get(r)! > 0).length;
    const shares = regions.map((r) => {
      const room = byRegion.get(r)!.length - quota.get(r)!;
      const exact = rest > 0 ? (left * room) / rest : 0;
      return { r, room, base: Math.floor(exact), frac: exact - Math.floor(exact) };
    });
    for (const s of shares) {
      const add = Math.min(s.base, s.room);
      quota.set(s.r, quota.get(s.r)! + add);
      left -= add;
    }
    for (const s of [...shares].sort((a, b) => b.frac - a.frac || a.r.localeCompare(b.r))) {
      if (left <= 0) break;
      if (quota.get(s.r)! < byRegion.get(s.r)!.length) {
        quota.set(s.r, quota.get(s.r)! + 1);
        left--;
      }
    }
  }
  return regions.map((region, i) => {
    const names = [...byRegion.get(region)!].sort();
    const rand = mulberry32((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    for (let j = names.length - 1; j > 0; j--) {
      const k = Math.floor(rand() * (j + 1));
      [names[j], names[k]] = [names[k]!, names[j]!];
    }
    return { region, pool: names.length, drawn: names.slice(0, quota.get(region)).sort() };
  });
}
