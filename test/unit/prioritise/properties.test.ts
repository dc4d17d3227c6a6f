/**
 * Invariants of the living programme over random sequences of days: nightly re-plans as new
 * signals arrive, visits are done (some recording serious concerns) and ops defer visits.
 * After every run: fixed visits never move, no pool, region or week goes over capacity, nothing
 * new lands in a past week, follow-ups land inside their window and triage visits by their due
 * day, and a re-plan with no new input (the same day again) changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf } from '../../../shared/domain/calendar';
import type { IntelligenceSignal, OfstedRegion, Visit } from '../../../shared/domain/types';
import type { FindingsSummary } from '../../../shared/prioritise/follow-up';
import { weekInWindow } from '../../../shared/prioritise/follow-up';
import type { Policy } from '../../../shared/prioritise/policy';
import { buildProgramme, programmeDigest, type PrioritiseInputs } from '../../../shared/prioritise/programme';
import { fixedBecause } from '../../../shared/prioritise/visit-state';
import { applyVisitWrites, visitWrites } from '../../../shared/prioritise/visit-writes';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';
import { inputs, la, withPool } from './support';
import { defaultPolicy } from '../../../shared/prioritise/policy';

const REGIONS: OfstedRegion[] = ['North West', 'London'];
const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
const TYPES = ['complaint', 'whistleblowing', 'safeguarding-concern', 'serious-event', 'enforcement-action', 'independent-report-late'] as const;

const arbProvider = fc.record({
  grade: fc.constantFrom(...GRADES),
  year: fc.integer({ min: 2015, max: 2020 }),
  region: fc.constantFrom(...REGIONS),
  places: fc.integer({ min: 1, max: 8 }),
});

const arbStep = fc.record({
  days: fc.integer({ min: 1, max: 12 }),
  signals: fc.array(
    fc.record({
      provider: fc.nat(),
      type: fc.constantFrom(...TYPES),
      severity: fc.constantFrom(1, 2, 3),
      dueInDays: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
  /** Of the visits whose week has passed, which have findings (and whether serious concerns). */
  done: fc.array(fc.record({ pick: fc.nat(), serious: fc.boolean() }), { maxLength: 4 }),
  defer: fc.option(fc.record({ pick: fc.nat(), days: fc.integer({ min: 7, max: 40 }) }), { nil: undefined }),
});

function policyFor(capacity: number, reserve: number): Policy {
  const p = withPool(defaultPolicy(), 'provider', {
    capacity: { 'North West': capacity, London: capacity },
    from: '2020-09-07',
    to: '2020-12-18',
    reservedForUrgent: reserve,
  });
  return withPool(p, 'la', { capacity: { 'North West': 4, London: 4 }, from: '2020-09-07', to: '2020-12-18' });
}

interface World {
  asOf: string;
  visits: Visit[];
  signals: IntelligenceSignal[];
  findings: FindingsSummary[];
}

/** Apply one step's events to the world (the things that happen between two nightly runs). */
type Step = typeof arbStep extends fc.Arbitrary<infer T> ? T : never;

function happen(world: World, step: Step, urns: readonly string[]): World {
  const asOf = addDays(world.asOf, step.days);
  const signals = [...world.signals];
  step.signals.forEach((s, i) => {
    const urn = urns[s.provider % urns.length]!;
    const dueDate = s.type === 'enforcement-action' && s.dueInDays ? addDays(asOf, s.dueInDays) : undefined;
    signals.push({ signalId: `${asOf}-${i}`, type: s.type, date: asOf, urn, severity: s.severity, open: true, ...(dueDate ? { dueDate } : {}) });
  });
  let visits = [...world.visits];
  const findings = [...world.findings];
  const past = visits.filter((v) => (v.status === 'planned' || v.status === 'notified') && addDays(v.week, 4) < asOf);
  for (const d of step.done) {
    const v = past[d.pick % Math.max(1, past.length)];
    if (!v || v.status === 'findings-received') continue;
    const visitedOn = addDays(v.week, 2);
    visits = visits.map((x) => (x.visitId === v.visitId ? { ...x, status: 'findings-received', visitedOn } : x));
    findings.push({ visitId: v.visitId, version: 1, seriousConcerns: d.serious, visitEndDate: visitedOn });
  }
  if (step.defer) {
    const open = visits.filter((v) => v.status === 'planned' && !fixedBecause(v, asOf));
    const v = open[step.defer.pick % Math.max(1, open.length)];
    if (v)
      visits = visits.map((x) =>
        x.visitId === v.visitId
          ? { ...x, status: 'deferred', deferral: { on: asOf, until: addDays(asOf, step.defer!.days), reason: 'Local restrictions' } }
          : x,
      );
  }
  return { asOf, visits, signals, findings };
}

function checkRun(world: World, data: PrioritiseInputs, policy: Policy): Visit[] {
  const p = buildProgramme(data, policy, world.asOf);
  const fixedBefore = world.visits.filter((v) => fixedBecause(v, world.asOf));
  for (const v of fixedBefore) expect(p.planned.find((x) => x.visitId === v.visitId)?.week).toBe(v.week);
  for (const c of p.capacity) expect(c.used).toBeLessThanOrEqual(c.capacity);
  for (const c of [...p.changes.added, ...p.changes.moved]) expect(c.to! >= mondayOf(addDays(world.asOf, 1))).toBe(true);
  for (const v of p.planned.filter((x) => !x.fixed)) {
    expect(v.noticeDate > world.asOf).toBe(true);
    if (v.followUp && !v.late) expect(weekInWindow(v.week, v.followUp)).toBe(true);
    if (v.dueBy && !v.late) expect(v.week <= v.dueBy).toBe(true);
  }
  const after = applyVisitWrites(world.visits, visitWrites(p, world.visits, policy));
  for (const v of fixedBefore) expect(after.find((x) => x.visitId === v.visitId)).toMatchObject({ week: v.week });
  // The same day again, nothing new: the same programme, nothing moved, added or dropped.
  const again = buildProgramme({ ...data, visits: after }, policy, world.asOf);
  expect(again.changes).toEqual({ moved: [], added: [], dropped: [] });
  expect(programmeDigest(again)).toBe(programmeDigest(p));
  return after;
}

describe('the living programme over random sequences of days', () => {
  it('never moves a fixed visit, never exceeds capacity, never plans into the past, keeps follow-ups and triage in time, and is stable when nothing changes', () => {
    fc.assert(
      fc.property(
        fc.array(arbProvider, { minLength: 5, maxLength: 40 }),
        fc.array(arbStep, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 0.25),
        (rows, steps, capacity, reserve) => {
          const providers = rows.map((r, i) =>
            provider(`P${i}`, { region: r.region, places: r.places, latestFullInspection: inspection(`P${i}`, `${r.year}-03-01`, r.grade) }),
          );
          const urns = providers.map((p) => p.urn);
          const policy = policyFor(capacity, reserve);
          const laOutcomes = [la('Testshire', 'North West', 'inadequate'), la('Londonia', 'London', 'good')];
          let world: World = { asOf: '2020-08-28', visits: [], signals: [], findings: [] };
          for (const step of steps) {
            world = happen(world, step, urns);
            const data = inputs({ providers, laOutcomes, signals: world.signals, visits: world.visits, findings: world.findings });
            world = { ...world, visits: checkRun(world, data, policy) };
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});
