/**
 * Re-plan benchmark: 100,000 providers planned night after night (30 September to 5 October), then
 * 1% of them receive new signals and the programme is planned again the next night (6 October)
 * from the visits stored. Reports
 * the re-plan's seconds, visits moved that were already notified (must be 0), and the share of
 * visits not yet fixed that moved (goal at most 0.02). Inputs are built before the clock.
 */
import type { IntelligenceSignal, SignalType } from '../shared/domain/types';
import { mulberry32 } from '../shared/ingest/random';
import { defaultPolicy } from '../shared/prioritise/policy';
import { buildProgramme, type Programme } from '../shared/prioritise/programme';
import { applyVisitWrites, visitWrites } from '../shared/prioritise/visit-writes';
import { syntheticInputs } from './prioritise';

const NEW_TYPES: readonly SignalType[] = [
  'complaint',
  'serious-event',
  'whistleblowing',
  'safeguarding-concern',
  'la-concern',
  'manager-change',
  'independent-report-late',
];

export interface ReplanFigures {
  readonly providers: number;
  readonly newSignalShare: number;
  readonly firstRunSeconds: number;
  readonly seconds: number;
  readonly planned: number;
  readonly unfixedBefore: number;
  readonly moved: number;
  readonly movedNotified: number;
  readonly movedUnfixedShare: number;
  readonly added: number;
  readonly dropped: number;
  readonly triage: number;
  readonly noSlot: number;
}

/** New signals for a share of the providers, dated the second day. */
function newSignals(urns: readonly string[], share: number, date: string, seed: number): IntelligenceSignal[] {
  const rand = mulberry32(seed);
  const out: IntelligenceSignal[] = [];
  for (const urn of urns) {
    if (rand() >= share) continue;
    const n = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < n; j++) {
      out.push({
        signalId: `${urn}-new-${j}`,
        type: NEW_TYPES[Math.floor(rand() * NEW_TYPES.length)]!,
        date,
        urn,
        severity: (1 + Math.floor(rand() * 3)) as 1 | 2 | 3,
        open: false,
      });
    }
  }
  return out;
}

/** Visits that were fixed (notified, or in a past week) in the first programme but are not where they were in the second. */
function movedFixed(before: Programme, after: Programme): number {
  const week = new Map(after.planned.map((v) => [v.visitId, v.week]));
  return before.planned.filter((v) => (v.fixed || v.status === 'notified') && week.get(v.visitId) !== v.week).length;
}

/** The nights before: the programme as it stands after a few nightly runs (the near weeks filled and fixed). */
const NIGHTS_BEFORE = ['2020-09-30', '2020-10-01', '2020-10-02'];

export function benchReplan(options: { providers: number; share: number; log?: (line: string) => void }): ReplanFigures {
  const policy = defaultPolicy();
  const [day1, day2] = ['2020-10-05', '2020-10-06'];
  const inputs = syntheticInputs(options.providers);
  buildProgramme(syntheticInputs(2_000, 9), policy, day1); // warm-up
  let stored = applyVisitWrites([], []);
  for (const night of NIGHTS_BEFORE) {
    const p = buildProgramme({ ...inputs, visits: stored }, policy, night);
    stored = applyVisitWrites(stored, visitWrites(p, stored, policy));
  }
  let t0 = performance.now();
  const first = buildProgramme({ ...inputs, visits: stored }, policy, day1);
  const firstRunSeconds = (performance.now() - t0) / 1000;
  stored = applyVisitWrites(stored, visitWrites(first, stored, policy));
  const signals = [
    ...inputs.signals,
    ...newSignals(
      inputs.providers.map((p) => p.urn),
      options.share,
      day2,
      7,
    ),
  ];
  options.log?.(`  first run ${firstRunSeconds.toFixed(2)} s: ${first.planned.length} planned; ${signals.length - inputs.signals.length} new signals`);
  t0 = performance.now();
  const second = buildProgramme({ ...inputs, signals, visits: stored }, policy, day2);
  const seconds = (performance.now() - t0) / 1000;
  const unfixedBefore = first.planned.filter((v) => !v.fixed).length;
  const moved = second.changes.moved.length;
  return {
    providers: options.providers,
    newSignalShare: options.share,
    firstRunSeconds: round(firstRunSeconds),
    seconds: round(seconds),
    planned: second.planned.length,
    unfixedBefore,
    moved,
    movedNotified: movedFixed(first, second),
    movedUnfixedShare: round(unfixedBefore ? moved / unfixedBefore : 0, 4),
    added: second.changes.added.length,
    dropped: second.changes.dropped.length,
    triage: second.triage.length,
    noSlot: second.noSlot,
  };
}

const round = (n: number, places = 3) => Number(n.toFixed(places));

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchReplan({ providers: 100_000, share: 0.01, log: (l) => process.stderr.write(`${l}\n`) }), null, 2));
}
