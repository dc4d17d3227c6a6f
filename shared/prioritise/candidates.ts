/**
 * Who could be visited, and within which weeks: every open provider and every LA, scored as of
 * the as-of date, with the rules that narrow their weeks (the minimum gap since the last visit, a
 * deferral, a follow-up window, a triage deadline). Those that cannot be visited at all are listed
 * with the reason why not. Targets with a fixed visit still to come are left out: one visit at a time.
 */
import { addDays, isoWeekDay, mondayOf, type Holidays } from '../domain/calendar';
import { ukDate } from '../domain/dates';
import { providerDisplayName } from '../domain/names';
import type { InspectionEvent, IntelligenceSignal, IsoDate, LaOutcome, OfstedRegion, PoolId, Provider, TargetKind, Visit, VisitTarget } from '../domain/types';
import { followUpFor, type FollowUp } from './follow-up';
import type { Policy } from './policy';
import { LA_BAND_LABELS, laBand, reasonText, scoreLa, scoreProvider, sortSignals, type LaBand } from './score';
import { triageTrigger, type TriageTrigger } from './triage';
import { targetKey, type VisitState } from './visit-state';
import { noticeRule, type NoticeRule } from './weeks';

/** 0: triage, 1: follow-up, 2: the ordinary order (LAs by the 2020 bands, providers by score). */
export type CandidateClass = 0 | 1 | 2;

export interface Candidate extends VisitTarget {
  readonly pool: PoolId;
  readonly effort: number;
  readonly score: number;
  /** Months since the last inspection, for tie-breaks (longer first). */
  readonly staleness: number;
  readonly klass: CandidateClass;
  /** The LA's band in the 2020 order (5: the good/outstanding sample); 0 for providers. */
  readonly band: number;
  readonly notice: NoticeRule;
  /** First and last Monday it may be planned in (inside its pool's window). */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Triage and follow-ups: when no week by `to` is free, planned as soon as possible after. */
  readonly hard: boolean;
  /** The score's reasons (built only for visits that are planned). */
  readonly explain: () => string[];
  /** Reasons the rules add: triage, follow-up, the sample, a deferral, the gap overridden. */
  readonly extra: readonly string[];
  readonly existing: Visit | undefined;
  readonly triage: TriageTrigger | undefined;
  readonly followUp: FollowUp | undefined;
}

export interface UnplannedItem {
  readonly kind: TargetKind;
  readonly target: string;
  readonly targetName: string;
  readonly region: OfstedRegion;
  readonly pool: PoolId;
  readonly score: number;
  readonly why: string;
}

export interface CandidateInputs {
  readonly providers: readonly Provider[];
  readonly inspections: readonly InspectionEvent[];
  readonly laOutcomes: readonly LaOutcome[];
  /** Imported signals and those derived from findings. */
  readonly signals: readonly IntelligenceSignal[];
}

export interface CandidateContext {
  readonly policy: Policy;
  readonly asOf: IsoDate;
  readonly holidays: Holidays;
  readonly state: VisitState;
  /** LAs drawn in the good/outstanding sample. */
  readonly sampled: ReadonlySet<string>;
  /** Signals received after this day may open a triage record (triageLookback). */
  readonly triageFrom: IsoDate;
  /** The Monday of each pool's last week. */
  readonly lastMonday: Readonly<Record<PoolId, IsoDate>>;
}

function group<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

const monthsBetween = (from: string | undefined, to: string) =>
  from ? Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (30.44 * 86_400_000)) : 1_000;
/** The first Monday of a week whose working days reach `date`. */
const firstMondayReaching = (date: IsoDate) => (isoWeekDay(date) <= 5 ? mondayOf(date) : addDays(mondayOf(date), 7));
/** The first Monday on or after `date`. */
const mondayOnOrAfter = (date: IsoDate) => (isoWeekDay(date) === 1 ? date : addDays(mondayOf(date), 7));

interface Scored {
  readonly base: VisitTarget & { readonly pool: PoolId };
  readonly effort: number;
  readonly score: number;
  readonly staleness: number;
  readonly band: number;
  readonly signals: readonly IntelligenceSignal[];
  readonly scoreWith: (signals: readonly IntelligenceSignal[]) => number;
  readonly explain: () => string[];
  /** Why it is not planned in the ordinary order (lower need, not drawn), if so. */
  readonly ordinaryWhyNot: string | undefined;
}

/** A target whose next visit is already fixed, yet new intelligence calls for triage. */
export interface FixedTriage extends VisitTarget {
  readonly pool: PoolId;
  readonly trigger: TriageTrigger;
  readonly visit: Visit;
}

/** Every target that could be visited, and the reasons the others cannot. */
export function candidatesFor(
  inputs: CandidateInputs,
  ctx: CandidateContext,
): { candidates: Candidate[]; unplanned: UnplannedItem[]; fixedTriage: FixedTriage[] } {
  const candidates: Candidate[] = [];
  const unplanned: UnplannedItem[] = [];
  const fixedTriage: FixedTriage[] = [];
  for (const scored of scoreTargets(inputs, ctx, unplanned)) {
    const fixed = ctx.state.upcoming.get(targetKey(scored.base));
    if (fixed) {
      const trigger = scored.signals.length
        ? triageTrigger(scored.signals, scored.score, scored.scoreWith, ctx.asOf, ctx.policy, ctx.holidays, ctx.triageFrom)
        : undefined;
      if (trigger) fixedTriage.push({ ...scored.base, trigger, visit: fixed });
      continue;
    }
    const c = withRules(scored, ctx);
    if ('why' in c) unplanned.push({ ...pick(scored.base), pool: scored.base.pool, score: scored.score, why: c.why });
    else candidates.push(c);
  }
  return { candidates, unplanned, fixedTriage };
}

const pick = (b: VisitTarget) => ({ kind: b.kind, target: b.target, targetName: b.targetName, region: b.region });

function* scoreTargets(inputs: CandidateInputs, ctx: CandidateContext, unplanned: UnplannedItem[]): Generator<Scored> {
  const laSignals = group(inputs.signals, (s) => s.localAuthority?.toLowerCase());
  for (const list of laSignals.values()) sortSignals(list);
  for (const o of [...inputs.laOutcomes].sort((a, b) => a.localAuthority.localeCompare(b.localAuthority))) {
    yield scoreLaTarget(o, laSignals.get(o.localAuthority.toLowerCase()) ?? [], ctx);
  }
  const history = group(inputs.inspections, (e) => e.urn);
  const providerSignals = group(inputs.signals, (s) => s.urn);
  for (const list of providerSignals.values()) sortSignals(list);
  const lowerNeed = new Map<number, string>();
  for (const p of [...inputs.providers].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))) {
    const scored = scoreProviderTarget(p, history.get(p.urn) ?? [], providerSignals.get(p.urn) ?? [], ctx, lowerNeed);
    if (p.status !== 'closed') yield scored;
    else if (!ctx.state.upcoming.has(targetKey(scored.base)))
      unplanned.push({ ...pick(scored.base), pool: 'provider', score: scored.score, why: 'Closed: not in the latest provider data' });
  }
}

function scoreLaTarget(o: LaOutcome, signals: readonly IntelligenceSignal[], ctx: CandidateContext): Scored {
  const { policy, asOf } = ctx;
  const band = laBand(o, signals, asOf);
  const s = scoreLa(o, signals, policy, asOf);
  const b: LaBand = band === 'good-or-outstanding' ? 5 : band;
  const drawn = ctx.sampled.has(o.localAuthority);
  return {
    base: { kind: 'la', target: o.localAuthority, targetName: o.localAuthority, localAuthority: o.localAuthority, region: o.region, pool: 'la' },
    effort: policy.effort.la,
    score: s.score,
    staleness: monthsBetween(o.inspectionDate, asOf),
    band: b,
    signals,
    scoreWith: (sig) => scoreLa(o, sig, policy, asOf).score,
    explain: () => [
      `Priority band ${b} of the 2020 order: ${LA_BAND_LABELS[b]}`,
      ...(b === 5 && drawn ? [`Drawn in the good/outstanding sample for ${o.region} (seed ${policy.laSample.seed})`] : []),
      ...s.reasons.map(reasonText),
    ],
    ordinaryWhyNot: b === 5 && !drawn ? `Judged good or outstanding and not drawn in this window's sample (seed ${policy.laSample.seed})` : undefined,
  };
}

function scoreProviderTarget(
  p: Provider,
  h: readonly InspectionEvent[],
  sig: readonly IntelligenceSignal[],
  ctx: CandidateContext,
  lowerNeed: Map<number, string>,
): Scored {
  const { policy, asOf } = ctx;
  const score = scoreProvider(p, h, sig, policy, asOf, false).score;
  let ordinaryWhyNot: string | undefined;
  if (score < policy.minimumProviderScore) {
    ordinaryWhyNot = lowerNeed.get(score);
    if (!ordinaryWhyNot) lowerNeed.set(score, (ordinaryWhyNot = `Lower need: score ${score} is below the policy's minimum of ${policy.minimumProviderScore}`));
  }
  return {
    base: {
      kind: 'provider',
      target: p.urn,
      targetName: providerDisplayName(p),
      provisionType: p.provisionType,
      localAuthority: p.localAuthority,
      region: p.region,
      pool: 'provider',
    },
    effort: policy.effort.byProvisionType[p.provisionType] ?? policy.effort.default,
    score,
    staleness: p.latestFullInspection ? monthsBetween(p.latestFullInspection.inspectionDate, asOf) : 1_000,
    band: 0,
    signals: sig,
    scoreWith: (s) => scoreProvider(p, h, s, policy, asOf, false).score,
    explain: () => scoreProvider(p, h, sig, policy, asOf, true).reasons.map(reasonText),
    ordinaryWhyNot,
  };
}

/** The rules that decide whether and when a scored target may be planned. */
function withRules(s: Scored, ctx: CandidateContext): Candidate | { why: string } {
  const { policy, asOf, state, holidays } = ctx;
  const key = targetKey(s.base);
  const triage = s.signals.length ? triageTrigger(s.signals, s.score, s.scoreWith, asOf, policy, holidays, ctx.triageFrom) : undefined;
  const followUp = s.signals.length ? followUpFor(key, s.signals, asOf, policy, holidays, state) : undefined;
  const urgent = triage ?? followUp;
  const urgentSince = triage?.openedOn ?? followUp?.trigger;
  const cancelled = state.cancelled.get(key);
  if (cancelled && !(urgentSince && urgentSince > cancelled.on)) return { why: `Visit cancelled (${ukDate(cancelled.on)}): ${cancelled.reason}` };
  if (!urgent && s.ordinaryWhyNot) return { why: s.ordinaryWhyNot };

  const extra: string[] = [];
  let from = policy.pools[s.base.pool].window.from;
  let to = ctx.lastMonday[s.base.pool];
  const last = state.lastVisited.get(key);
  if (last) {
    const allowed = addDays(last, policy.burden.minDaysBetweenVisits);
    if (urgent && allowed > asOf) extra.push(`Overrides the minimum gap of ${policy.burden.minDaysBetweenVisits} days since the last visit (${ukDate(last)})`);
    else if (!urgent) {
      from = maxDate(from, mondayOnOrAfter(allowed));
      if (from > to) return { why: `Visited recently (${ukDate(last)}): the policy allows the next visit from ${ukDate(allowed)}, after this window` };
    }
  }
  const existing = state.reusable.get(key);
  // A deferral keeps applying once the visit is planned again: never before its earliest new date.
  const deferral = existing && existing.status !== 'dropped' ? existing.deferral : undefined;
  if (deferral) {
    from = maxDate(from, mondayOnOrAfter(deferral.until));
    extra.push(`Deferred (${ukDate(deferral.on)}) until ${ukDate(deferral.until)}: ${deferral.reason}`);
    if (from > to) return { why: `Deferred until ${ukDate(deferral.until)}, after this window: ${deferral.reason}` };
  }
  if (triage) {
    to = minDate(to, mondayOf(triage.dueBy));
    extra.unshift(
      `Triage: new intelligence lifted the score from ${triage.scoreBefore} to ${triage.score} (threshold ${policy.triage.urgencyThreshold}); a visit in a week starting by ${ukDate(triage.dueBy)}`,
    );
  } else if (followUp) {
    from = maxDate(from, firstMondayReaching(followUp.from));
    to = minDate(to, mondayOf(followUp.to));
    extra.unshift(followUp.reason);
  }
  const b = s.base;
  return {
    // Written out field by field (no spread): every candidate has one shape, which keeps sorting and allocation fast.
    kind: b.kind,
    target: b.target,
    targetName: b.targetName,
    provisionType: b.provisionType,
    localAuthority: b.localAuthority,
    region: b.region,
    pool: b.pool,
    effort: s.effort,
    score: s.score,
    staleness: s.staleness,
    klass: triage ? 0 : followUp ? 1 : 2,
    band: s.band,
    notice: noticeRule(policy, s.base.kind, s.base.provisionType),
    from,
    to,
    hard: Boolean(urgent),
    explain: s.explain,
    extra,
    existing,
    triage,
    followUp: triage ? undefined : followUp,
  };
}

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** Priority order inside a pool: triage, follow-ups, then the 2020 LA bands or the providers' scores. */
export function byPriority(a: Candidate, b: Candidate): number {
  return (
    a.klass - b.klass ||
    (a.klass === 0 ? cmp(a.triage?.dueBy, b.triage?.dueBy) : a.klass === 1 ? cmp(a.followUp?.to, b.followUp?.to) : 0) ||
    a.band - b.band ||
    b.score - a.score ||
    b.staleness - a.staleness ||
    cmp(a.target, b.target)
  );
}

const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
