/**
 * From the allocation to the programme's lists: planned visits (fixed ones as they stand, the rest
 * where they were placed, each with its reasons), who is not planned and why, what changed against
 * the visits stored before (moved, added, dropped, each with why), and the triage records.
 */
import { ukDate } from '../domain/dates';
import type { IsoDate, Visit } from '../domain/types';
import type { Placement, RegionOutcome } from './allocate';
import type { Candidate, FixedTriage, UnplannedItem } from './candidates';
import type { Policy } from './policy';
import type { Change, PlannedVisit, ProgrammeChanges } from './programme';
import { isNoSlot, triageId, type TriageRecord } from './triage';
import { targetKey, type VisitState } from './visit-state';
import { effortOf, noticeRule, poolOf } from './weeks';

export interface AssembleInput {
  readonly outcomes: { readonly regions: readonly RegionOutcome[] };
  readonly unplanned: readonly UnplannedItem[];
  readonly fixedTriage: readonly FixedTriage[];
  readonly state: VisitState;
  readonly policy: Policy;
  readonly asOf: IsoDate;
  readonly visitIdOf: (c: Candidate) => string;
}

export interface Assembled {
  readonly planned: PlannedVisit[];
  readonly unplanned: UnplannedItem[];
  readonly changes: ProgrammeChanges;
  readonly triage: TriageRecord[];
  readonly noSlot: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function assemble(input: AssembleInput): Assembled {
  const placements = input.outcomes.regions.flatMap((r) => r.placed);
  const ids = new Map(placements.map((p) => [p.candidate, input.visitIdOf(p.candidate)]));
  const unplanned: UnplannedItem[] = [...input.unplanned];
  for (const r of input.outcomes.regions) {
    for (const { candidate: c, why } of r.notPlaced)
      unplanned.push({ kind: c.kind, target: c.target, targetName: c.targetName, region: c.region, pool: c.pool, score: c.score, why });
  }
  unplanned.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'la' ? -1 : 1) || b.score - a.score || cmp(a.target, b.target));
  const planned = [
    ...input.state.fixed.map(({ visit, because }) => fixedVisit(visit, because, input)),
    ...placements.map((p) => placedVisit(p, ids.get(p.candidate)!, input.asOf)),
  ];
  planned.sort(
    (a, b) => cmp(a.week, b.week) || cmp(a.region, b.region) || cmp(a.pool, b.pool) || b.score - a.score || cmp(a.kind, b.kind) || cmp(a.target, b.target),
  );
  const changes = changesOf(placements, ids, unplanned, input);
  const triage = triageRecords(placements, ids, input.outcomes.regions, input.fixedTriage);
  return { planned, unplanned, changes, triage, noSlot: triage.filter(isNoSlot).length };
}

function fixedVisit(v: Visit, because: string, input: AssembleInput): PlannedVisit {
  const notified = v.status === 'planned' && v.noticeDate <= input.asOf;
  return {
    visitId: v.visitId,
    kind: v.kind,
    target: v.target,
    targetName: v.targetName,
    ...(v.provisionType ? { provisionType: v.provisionType } : {}),
    localAuthority: v.localAuthority,
    region: v.region,
    pool: v.pool ?? poolOf(v.kind),
    week: v.week,
    noticeDate: v.noticeDate,
    unannounced: v.unannounced ?? noticeRule(input.policy, v.kind, v.provisionType).unannounced,
    effort: effortOf(input.policy, v),
    score: v.score,
    reasons: [...v.reasons],
    status: notified ? 'notified' : v.status,
    fixed: because,
    ...(v.urgent ? { urgent: true } : {}),
  };
}

function placedVisit(p: Placement, visitId: string, asOf: IsoDate): PlannedVisit {
  const c = p.candidate;
  return {
    visitId,
    kind: c.kind,
    target: c.target,
    targetName: c.targetName,
    ...(c.provisionType ? { provisionType: c.provisionType } : {}),
    localAuthority: c.localAuthority,
    region: c.region,
    pool: c.pool,
    week: p.week,
    noticeDate: p.noticeDate,
    unannounced: c.notice.unannounced,
    effort: c.effort,
    score: c.score,
    reasons: [...c.extra, ...c.explain()],
    // Notice is never before tomorrow (allocate.ts): a visit placed today is not fixed yet.
    status: p.noticeDate <= asOf ? 'notified' : 'planned',
    ...(p.late ? { late: true } : {}),
    ...(c.followUp ? { followUp: { from: c.followUp.from, to: c.followUp.to } } : {}),
    ...(c.triage ? { dueBy: c.triage.dueBy } : {}),
    ...(c.hard ? { urgent: true } : {}),
  };
}

function changesOf(
  placements: readonly Placement[],
  ids: ReadonlyMap<Candidate, string>,
  unplanned: readonly UnplannedItem[],
  input: AssembleInput,
): ProgrammeChanges {
  const displacedBy = new Map<Candidate, Candidate>();
  for (const r of input.outcomes.regions) for (const d of r.displaced) if (!displacedBy.has(d.victim)) displacedBy.set(d.victim, d.by);
  const moveWhy = new Map(input.outcomes.regions.flatMap((r) => [...r.moveWhy]));
  const moved: Change[] = [];
  const added: Change[] = [];
  const placedTargets = new Set<string>();
  for (const p of placements) {
    const c = p.candidate;
    placedTargets.add(targetKey(c));
    const base = { visitId: ids.get(c)!, kind: c.kind, target: c.target, targetName: c.targetName, region: c.region, pool: c.pool };
    const ex = c.existing;
    if (ex && ex.status === 'planned' && ex.week === p.week) continue;
    if (ex && (ex.status === 'planned' || ex.status === 'deferred')) {
      const by = displacedBy.get(c);
      const why = by
        ? displacedWhy(by)
        : ex.status === 'deferred'
          ? `Deferred until ${ukDate(ex.deferral?.until ?? p.week)}: ${ex.deferral?.reason ?? 'no reason given'}`
          : (moveWhy.get(c) ?? 'Re-planned');
      moved.push({ ...base, from: ex.week, to: p.week, why, ...(by ? { displacedBy: by.target } : {}) });
    } else {
      added.push({
        ...base,
        to: p.week,
        why: c.extra[0] ?? (ex ? `Back in the programme (score ${c.score})` : `Score ${c.score}: ${c.explain()[0] ?? 'planned by priority'}`),
      });
    }
  }
  // Why each visit that was planned is not any more: looked up for those targets only.
  const gone = new Set([...input.state.reusable].filter(([key, ex]) => ex.status === 'planned' && !placedTargets.has(key)).map(([, ex]) => ex.target));
  const whyNot = new Map(unplanned.filter((u) => gone.has(u.target)).map((u) => [targetKey(u), u.why]));
  const victims = new Map([...displacedBy].map(([victim, by]) => [targetKey(victim), by]));
  const dropped: Change[] = [];
  for (const [key, ex] of input.state.reusable) {
    if (ex.status !== 'planned' || placedTargets.has(key)) continue;
    const by = victims.get(key);
    const why = by ? `${displacedWhy(by)}, and no other week had room` : (whyNot.get(key) ?? 'No longer in the data');
    dropped.push({
      visitId: ex.visitId,
      kind: ex.kind,
      target: ex.target,
      targetName: ex.targetName,
      region: ex.region,
      pool: ex.pool ?? poolOf(ex.kind),
      from: ex.week,
      why,
      ...(by ? { displacedBy: by.target } : {}),
    });
  }
  const byTarget = (a: Change, b: Change) => cmp(a.kind, b.kind) || cmp(a.target, b.target);
  return { moved: moved.sort(byTarget), added: added.sort(byTarget), dropped: dropped.sort(byTarget) };
}

const displacedWhy = (by: Candidate) =>
  `Its week was given to ${by.klass === 0 ? 'a triage visit' : by.klass === 1 ? 'a follow-up visit' : 'a higher-priority visit'} to ${by.targetName}`;

function triageRecords(
  placements: readonly Placement[],
  ids: ReadonlyMap<Candidate, string>,
  regions: readonly RegionOutcome[],
  fixedTriage: readonly FixedTriage[],
): TriageRecord[] {
  const at = new Map(placements.map((p) => [p.candidate, p]));
  const records: TriageRecord[] = [];
  const base = (c: Pick<Candidate, 'kind' | 'target' | 'targetName' | 'region' | 'pool'>, t: TriageRecord['openedOn']) => ({
    triageId: triageId(c.kind, c.target, t),
    kind: c.kind,
    target: c.target,
    targetName: c.targetName,
    region: c.region,
    pool: c.pool,
  });
  for (const r of regions) {
    const whyNot = new Map<Candidate, string>();
    for (const n of r.notPlaced) if (n.candidate.triage) whyNot.set(n.candidate, n.why);
    const triaged = [...r.placed.filter((p) => p.candidate.triage).map((p) => p.candidate), ...whyNot.keys()];
    for (const c of triaged) {
      const t = c.triage!;
      const p = at.get(c);
      const notPlacedWhy = whyNot.get(c);
      records.push({
        ...base(c, t.openedOn),
        ...t,
        outcome: !p ? 'no-slot' : p.late ? 'planned-late' : 'planned',
        ...(p ? { visitId: ids.get(c)!, week: p.week } : {}),
        ...(notPlacedWhy ? { why: notPlacedWhy } : p?.late ? { why: r.lateWhy.get(c) ?? 'no week in time' } : {}),
      });
    }
  }
  for (const f of fixedTriage) {
    const late = f.visit.week > f.trigger.dueBy;
    records.push({
      ...base(f, f.trigger.openedOn),
      ...f.trigger,
      outcome: 'already-fixed',
      visitId: f.visit.visitId,
      week: f.visit.week,
      ...(late ? { why: 'its next visit is already fixed, later than due: bring it forward by hand (defer it to the date needed, then re-plan)' } : {}),
    });
  }
  return records.sort((a, b) => cmp(a.openedOn, b.openedOn) || cmp(a.kind, b.kind) || cmp(a.target, b.target));
}
