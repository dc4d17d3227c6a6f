/**
 * Prioritise benchmark: time to score and programme n synthetic providers (10 signals each, plus
 * 152 LAs) with the default policy, for each size, in one run. Inputs are built before the clock.
 */
import type { IntelligenceSignal, LaOutcome, Provider, SignalType } from '../shared/domain/types';
import { OFSTED_REGIONS, SIGNAL_TYPES } from '../shared/domain/types';
import { mulberry32 } from '../shared/ingest/random';
import { defaultPolicy } from '../shared/prioritise/policy';
import { buildProgramme, type PrioritiseInputs } from '../shared/prioritise/programme';

/** The bench plans as of the Wednesday before the season's first week. */
export const BENCH_AS_OF = '2020-09-02';

const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
/** Serious concerns come from findings, never from an imported file. */
const IMPORTED_TYPES: readonly SignalType[] = SIGNAL_TYPES.filter((t) => t !== 'serious-concerns');

export function syntheticInputs(n: number, seed = 1): PrioritiseInputs {
  const rand = mulberry32(seed);
  const providers: Provider[] = [];
  const signals: IntelligenceSignal[] = [];
  for (let i = 0; i < n; i++) {
    const urn = `SC${String(i).padStart(7, '0')}`;
    const region = OFSTED_REGIONS[i % OFSTED_REGIONS.length]!;
    const date = `20${14 + Math.floor(rand() * 6)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`;
    const grade = GRADES[Math.floor(rand() * 4)]!;
    providers.push({
      urn,
      name: `Synthetic ${i}`,
      provisionType: "Children's home",
      registrationStatus: 'Active',
      sector: 'Private',
      places: 1 + Math.floor(rand() * 8),
      localAuthority: `LA ${i % 150}`,
      region,
      address: { redacted: true },
      status: 'open',
      snapshotId: 'bench',
      latestFullInspection: {
        urn,
        eventNumber: `e${i}`,
        eventType: 'Full inspection',
        inspectionDate: date,
        overall: { kind: 'grade', grade, words: grade },
        judgements: {},
      },
    });
    for (let j = 0; j < 10; j++) {
      signals.push({
        signalId: `${urn}-${j}`,
        type: IMPORTED_TYPES[Math.floor(rand() * IMPORTED_TYPES.length)]!,
        date: `2020-${String(1 + Math.floor(rand() * 8)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        urn,
        severity: (1 + Math.floor(rand() * 3)) as 1 | 2 | 3,
        open: rand() < 0.2,
      });
    }
  }
  const laOutcomes: LaOutcome[] = Array.from({ length: 152 }, (_, i) => ({
    localAuthority: `LA ${i}`,
    region: OFSTED_REGIONS[i % OFSTED_REGIONS.length]!,
    inspectionDate: '2019-06-01',
    overall: GRADES[i % 4]!,
    areaForPriorityAction: i % 17 === 0,
  }));
  return { providers, inspections: [], laOutcomes, signals, visits: [] };
}

export function benchPrioritise(sizes: number[]): { seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  const policy = defaultPolicy();
  buildProgramme(syntheticInputs(2_000, 9), policy, BENCH_AS_OF); // warm-up
  for (const n of sizes) {
    const inputs = syntheticInputs(n);
    const t0 = performance.now();
    const p = buildProgramme(inputs, policy, BENCH_AS_OF);
    seconds[String(n)] = Number(((performance.now() - t0) / 1000).toFixed(3));
    process.stderr.write(`  ${n.toLocaleString()} providers: ${seconds[String(n)]} s (${p.planned.length} planned)\n`);
  }
  return { seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchPrioritise([10_000, 100_000, 1_000_000]), null, 2));
}
