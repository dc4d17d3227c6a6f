/**
 * The visit programme as of a day: who is visited, in which week, and why; who is not, and why
 * not; what changed since the visits stored; and the triage list.
 *
 * A re-plan never moves or drops a fixed visit (see visit-state.ts) and plans only weeks from the
 * as-of date on. Each pool of inspectors (LA visits by HMI, provider visits by social care
 * regulatory inspectors) is planned region by region against its own weekly capacity, in priority
 * order: triage, follow-ups, then LAs in the published 2020 order and providers by score
 * (allocate.ts says how few visits it moves). Deterministic: inputs are sorted first, ties broken
 * by name, so the same inputs, policy and as-of date give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mondayOf } from '../domain/calendar';
import type {
  InspectionEvent,
  IntelligenceSignal,
  IsoDate,
  LaOutcome,
  OfstedRegion,
  PoolId,
  Provider,
  TargetKind,
  Visit,
  VisitStatus,
  VisitTarget,
} from '../domain/types';
import { OFSTED_REGIONS } from '../domain/types';
import { RegionAllocator, type RegionOutcome } from './allocate';
import { assemble } from './assemble';
import { byPriority, candidatesFor, type Candidate, type UnplannedItem } from './candidates';
import { seriousConcernSignals, type FindingsSummary } from './follow-up';
import type { Policy } from './policy';
import { drawStratifiedSample, type RegionSample } from './sample';
import { laBand } from './score';
import { triageLookback, type TriageRecord } from './triage';
import { targetKey, visitState, type VisitState } from './visit-state';
import { effortOf, NoticeDates, policyCalendar, poolOf, poolWeeks, POOL_IDS, weekCapacity, type Calendar } from './weeks';

export type { UnplannedItem } from './candidates';

export interface PrioritiseInputs {
  readonly providers: readonly Provider[];
  readonly inspections: readonly InspectionEvent[];
  readonly laOutcomes: readonly LaOutcome[];
  readonly signals: readonly IntelligenceSignal[];
  /** Every stored visit, whatever its status: what is fixed, what may move, who was visited when. */
  readonly visits: readonly Visit[];
  /** Stored findings versions (serious concerns become intelligence). */
  readonly findings?: readonly FindingsSummary[];
}

export interface PlannedVisit extends VisitTarget {
  readonly visitId: string;
  readonly pool: PoolId;
  readonly week: IsoDate;
  /** Notice to the LA or provider, or (unannounced) the day the inspector is told. */
  readonly noticeDate: IsoDate;
  readonly unannounced: boolean;
  readonly effort: number;
  readonly score: number;
  readonly reasons: string[];
  readonly status: VisitStatus;
  /** Why a re-plan may not move it, when it is fixed. */
  readonly fixed?: string;
  /** Triage or follow-up planned after the week it was due by. */
  readonly late?: boolean;
  /** A follow-up's window: its week should overlap these days. */
  readonly followUp?: { readonly from: IsoDate; readonly to: IsoDate };
  /** A triage visit's week must start by this day. */
  readonly dueBy?: IsoDate;
  /** Triage or follow-up: it may use the capacity held back for them. */
  readonly urgent?: boolean;
}

export interface CapacityCell {
  readonly pool: PoolId;
  readonly region: OfstedRegion;
  readonly week: IsoDate;
  readonly capacity: number;
  /** Of the capacity, held back for triage and follow-ups. */
  readonly reserved: number;
  readonly used: number;
  /** Bank holidays and leave that week. */
  readonly note?: string;
}

export interface Change {
  readonly visitId: string;
  readonly kind: TargetKind;
  readonly target: string;
  readonly targetName: string;
  readonly region: OfstedRegion;
  readonly pool: PoolId;
  /** The week before (moved, dropped). */
  readonly from?: IsoDate;
  /** The week now (moved, added). */
  readonly to?: IsoDate;
  readonly why: string;
  /** The target of the triage, follow-up or higher-priority visit that took its week. */
  readonly displacedBy?: string;
}

export interface ProgrammeChanges {
  readonly moved: Change[];
  readonly added: Change[];
  readonly dropped: Change[];
}

export interface PoolSummary {
  readonly pool: PoolId;
  readonly name: string;
  readonly inspectors: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly weeks: IsoDate[];
}

export interface Programme {
  readonly programmeId: string;
  readonly policyVersion: string;
  readonly seed: number;
  /** The day it is planned as of: scores count signals received by then; weeks before it are past. */
  readonly asOf: IsoDate;
  readonly pools: PoolSummary[];
  /** Every week of either pool's window. */
  readonly weeks: IsoDate[];
  readonly fullInspectionsPausedUntil: { la: IsoDate; providers: IsoDate };
  readonly sample: RegionSample[];
  readonly capacity: CapacityCell[];
  readonly planned: PlannedVisit[];
  readonly unplanned: UnplannedItem[];
  readonly triage: TriageRecord[];
  /** Triage records with no visit in time (the TriageNoSlot metric). */
  readonly noSlot: number;
  /** Against the visits stored before this run. Not part of the programme's identity (digest). */
  readonly changes: ProgrammeChanges;
}

export function visitIdFor(kind: TargetKind, target: string, ordinal: number): string {
  return `v-${createHash('sha256').update(`${kind}\u0000${target}\u0000${ordinal}`).digest('hex').slice(0, 12)}`;
}

/** Plan the programme as of a day. */
export function buildProgramme(inputs: PrioritiseInputs, policy: Policy, asOf: IsoDate): Programme {
  const calendar = policyCalendar(policy);
  const signals = [...inputs.signals, ...seriousConcernSignals(inputs.findings ?? [], inputs.visits)];
  const state = visitState(inputs.visits, asOf);
  const { sample, sampled } = laSample(inputs.laOutcomes, signals, policy, asOf, calendar);
  const lastMonday = { la: mondayOf(policy.pools.la.window.to), provider: mondayOf(policy.pools.provider.window.to) };
  const context = { policy, asOf, holidays: calendar.holidays, state, sampled, triageFrom: triageLookback(asOf, policy, calendar.holidays), lastMonday };
  const { candidates, unplanned, fixedTriage } = candidatesFor({ ...inputs, signals }, context);
  const outcomes = allocate(candidates, state, policy, asOf, calendar);
  const assembled = assemble({ outcomes, unplanned, fixedTriage, state, policy, asOf, visitIdOf: newVisitIds(state) });
  const pools: PoolSummary[] = POOL_IDS.map((id) => ({
    pool: id,
    name: policy.pools[id].name,
    inspectors: policy.pools[id].inspectors,
    from: policy.pools[id].window.from,
    to: policy.pools[id].window.to,
    weeks: poolWeeks(policy, id),
  }));
  const body = {
    policyVersion: policy.version,
    seed: policy.laSample.seed,
    asOf,
    pools,
    weeks: [...new Set(pools.flatMap((p) => p.weeks))].sort(),
    fullInspectionsPausedUntil: policy.fullInspectionsPausedUntil,
    sample,
    capacity: outcomes.cells,
    planned: assembled.planned,
    unplanned: assembled.unplanned,
    triage: assembled.triage,
    noSlot: assembled.noSlot,
  };
  const programmeId = `p-${hashCanonical(body).slice(0, 12)}`;
  return { programmeId, ...body, changes: assembled.changes };
}

/** New visit ids: one more than the visits the target has on record, never one already used. */
function newVisitIds(state: VisitState): (c: Candidate) => string {
  return (c) => {
    if (c.existing) return c.existing.visitId;
    let n = state.count.get(targetKey(c)) ?? 0;
    let id = visitIdFor(c.kind, c.target, n);
    while (state.ids.has(id)) id = visitIdFor(c.kind, c.target, ++n);
    return id;
  };
}

/** The good/outstanding LA sample: a share of the LA pool's capacity over its whole window. */
function laSample(laOutcomes: readonly LaOutcome[], signals: readonly IntelligenceSignal[], policy: Policy, asOf: IsoDate, calendar: Calendar) {
  const byLa = new Map<string, IntelligenceSignal[]>();
  for (const s of signals) if (s.localAuthority) byLa.set(s.localAuthority.toLowerCase(), [...(byLa.get(s.localAuthority.toLowerCase()) ?? []), s]);
  const pool = laOutcomes.filter((o) => laBand(o, byLa.get(o.localAuthority.toLowerCase()) ?? [], asOf) === 'good-or-outstanding');
  const total = OFSTED_REGIONS.reduce(
    (sum, r) => sum + poolWeeks(policy, 'la').reduce((s, w) => s + weekCapacity(policy, 'la', r, w, calendar).capacity, 0),
    0,
  );
  const sample = drawStratifiedSample(
    pool.map((o) => ({ name: o.localAuthority, region: o.region })),
    Math.floor((policy.laSample.share * total) / policy.effort.la),
    policy.laSample.seed,
  );
  return { sample, sampled: new Set(sample.flatMap((s) => s.drawn)) };
}

export interface Allocation {
  readonly regions: RegionOutcome[];
  readonly cells: CapacityCell[];
}

/** Each pool and region on its own: its weeks, capacity, fixed visits, then the allocator. */
function allocate(candidates: readonly Candidate[], state: VisitState, policy: Policy, asOf: IsoDate, calendar: Calendar): Allocation {
  const notices = new NoticeDates(calendar.holidays);
  const pauses = new Map<string, Policy['pausedAreas']>();
  for (const p of policy.pausedAreas) pauses.set(p.localAuthority.toLowerCase(), [...(pauses.get(p.localAuthority.toLowerCase()) ?? []), p]);
  const groups = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort(byPriority)) {
    const key = `${c.pool}#${c.region}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const regions: RegionOutcome[] = [];
  const cells: CapacityCell[] = [];
  for (const pool of POOL_IDS) {
    const weeks = poolWeeks(policy, pool);
    for (const region of OFSTED_REGIONS) {
      const caps = weeks.map((w) => weekCapacity(policy, pool, region, w, calendar));
      const { used, usedOrdinary } = fixedEffort(state, policy, pool, region, weeks);
      const allocator = new RegionAllocator(
        {
          pool: policy.pools[pool].name,
          region,
          weeks,
          capacity: caps.map((c) => c.capacity),
          reserved: caps.map((c) => c.reserved),
          used,
          usedOrdinary,
          asOf,
          notices,
          pausesOf: (la) => pauses.get(la.toLowerCase()) ?? [],
        },
        groups.get(`${pool}#${region}`) ?? [],
      );
      const outcome = allocator.run();
      regions.push(outcome);
      const total = [...used];
      for (const p of outcome.placed) total[weeks.indexOf(p.week)]! += p.candidate.effort;
      weeks.forEach((week, i) =>
        cells.push({
          pool,
          region,
          week,
          capacity: caps[i]!.capacity,
          reserved: caps[i]!.reserved,
          used: total[i]!,
          ...(caps[i]!.note ? { note: caps[i]!.note } : {}),
        }),
      );
    }
  }
  return { regions, cells };
}

/** Effort of the fixed visits per week: all of them, and the ordinary ones (not triage or follow-ups). */
function fixedEffort(state: VisitState, policy: Policy, pool: PoolId, region: OfstedRegion, weeks: readonly IsoDate[]) {
  const used = weeks.map(() => 0);
  const usedOrdinary = weeks.map(() => 0);
  const index = new Map(weeks.map((w, i) => [w, i]));
  for (const { visit } of state.fixed) {
    const i = index.get(visit.week);
    if (i === undefined || visit.region !== region || (visit.pool ?? poolOf(visit.kind)) !== pool) continue;
    used[i]! += effortOf(policy, visit);
    if (!visit.urgent) usedOrdinary[i]! += effortOf(policy, visit);
  }
  return { used, usedOrdinary };
}

/**
 * sha256 of canonicalJson(value), fed in chunks of about a megabyte: a programme for a million
 * providers never becomes one giant string.
 */
export function hashCanonical(value: unknown): string {
  const hash = createHash('sha256');
  let buffer = '';
  const put = (text: string) => {
    buffer += text;
    if (buffer.length > 1_000_000) {
      hash.update(buffer);
      buffer = '';
    }
  };
  const feed = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return put(JSON.stringify(v));
    if (Array.isArray(v)) {
      put('[');
      v.forEach((x, i) => {
        if (i) put(',');
        feed(x);
      });
      return put(']');
    }
    if (isFlat(v)) return put(JSON.stringify(v, keysOf(v)));
    put('{');
    let first = true;
    for (const k of keysOf(v)) {
      const x: unknown = Reflect.get(v, k);
      if (x === undefined) continue;
      put(`${first ? '' : ','}${JSON.stringify(k)}:`);
      first = false;
      feed(x);
    }
    put('}');
  };
  feed(value);
  hash.update(buffer);
  return hash.digest('hex');
}

/** Sorted keys by the keys' own order: objects of one shape (a million of them) sort their keys once. */
const sortedKeys = new Map<string, string[]>();
let lastOwn: string[] = [];
let lastSorted: string[] = [];
function keysOf(value: object): string[] {
  const own = Object.keys(value);
  // Objects of one shape come one after another (a list of visits): compare with the last one first.
  if (own.length === lastOwn.length && own.every((k, i) => k === lastOwn[i])) return lastSorted;
  const id = own.join('\u0000');
  let sorted = sortedKeys.get(id);
  if (!sorted) {
    sorted = [...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (sortedKeys.size > 10_000) sortedKeys.clear();
    sortedKeys.set(id, sorted);
  }
  lastOwn = own;
  lastSorted = sorted;
  return sorted;
}

/** A plain object whose values are primitives or arrays of primitives: JSON.stringify with its sorted keys as the replacer list writes it canonically. */
function isFlat(v: object): boolean {
  if (v.constructor !== Object) return false;
  for (const x of Object.values(v)) {
    if (x === null || typeof x !== 'object') continue;
    if (!Array.isArray(x) || x.some((e) => e !== null && typeof e === 'object')) return false;
  }
  return true;
}

/** JSON with object keys sorted at every level: the programme's canonical bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isFlat(value)) return JSON.stringify(value, keysOf(value));
  let out = '';
  for (const k of keysOf(value)) {
    const v: unknown = Reflect.get(value, k);
    if (v === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

export function canonicalProgrammeJson(p: Programme): string {
  return canonicalJson(p);
}

/** The programme's identity: everything but the changes against the visits stored before it. */
export function programmeDigest(p: Programme): string {
  const { changes: _changes, programmeId: _id, ...body } = p;
  return hashCanonical(body);
}
