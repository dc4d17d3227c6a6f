/**
 * Scores with reasons. Each factor adds whole points and says why in words, so a planner (and the
 * provider) can see exactly how a priority was reached. Everything is evaluated "as of" a fixed
 * date, never the wall clock, so the same inputs always give the same scores.
 */
import { ukDate } from '../domain/dates';
import { GRADE_LABELS, GRADE_RANK } from '../domain/grades';
import type { Grade, InspectionEvent, IntelligenceSignal, LaOutcome, Provider, SignalType } from '../domain/types';
import type { Policy } from './policy';

export interface Reason {
  readonly text: string;
  readonly points: number;
}

export interface Score {
  readonly score: number;
  readonly reasons: readonly Reason[];
}

const DAY = 86_400_000;
/** Day number of an ISO date; cached, since the same dates recur across millions of signals. */
const dayCache = new Map<string, number>();
function dayNumber(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(iso, d);
  }
  return d;
}
const days = (from: string, to: string) => dayNumber(to) - dayNumber(from);
const months = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
};

const SIGNAL_WORDS: Record<SignalType, [string, string]> = {
  complaint: ['complaint', 'complaints'],
  'serious-event': ['serious-event notification', 'serious-event notifications'],
  whistleblowing: ['whistleblowing concern', 'whistleblowing concerns'],
  'safeguarding-concern': ['safeguarding concern', 'safeguarding concerns'],
  'la-concern': ['concern raised by a local authority', 'concerns raised by local authorities'],
  'manager-change': ['change of manager', 'changes of manager'],
  'enforcement-action': ['enforcement action', 'enforcement actions'],
  'independent-report': ['routine Regulation 44/45 report', 'routine Regulation 44/45 reports'],
  'independent-report-missing': ['missing Regulation 44/45 report', 'missing Regulation 44/45 reports'],
  'independent-report-late': ['late Regulation 44/45 report', 'late Regulation 44/45 reports'],
  'independent-report-concern': ['Regulation 44/45 report raising concerns', 'Regulation 44/45 reports raising concerns'],
  'serious-concerns': ['visit that recorded serious concerns', 'visits that recorded serious concerns'],
};

/**
 * Collects factors. When not explaining (ranking millions of providers) only the points are
 * added up and no text is built; the same code path gives the same points either way.
 */
class Tally {
  score = 0;
  readonly reasons: Reason[] = [];
  constructor(readonly explain: boolean) {}
  add(points: number, text: () => string): void {
    if (points === 0) return;
    this.score += points;
    if (this.explain) this.reasons.push({ text: text(), points });
  }
  finish(): Score {
    this.reasons.sort((a, b) => b.points - a.points || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return { score: this.score, reasons: this.reasons };
  }
}

export function finish(reasons: Reason[]): Score {
  const t = new Tally(true);
  for (const r of reasons) t.add(r.points, () => r.text);
  return t.finish();
}

const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
export const reasonText = (r: Reason) => `${r.text}: ${sign(r.points)}`;

/** Full inspections of one provider, newest first. */
function fullInspections(provider: Provider, history: readonly InspectionEvent[]): InspectionEvent[] {
  const latest = provider.latestFullInspection;
  if (history.length === 0) return latest && latest.overall.kind === 'grade' && FULL.test(latest.eventType) ? [latest] : [];
  const out: InspectionEvent[] = [];
  const seen = new Set<string>();
  const consider = (e: InspectionEvent) => {
    if (e.overall.kind !== 'grade' || !FULL.test(e.eventType)) return;
    const k = `${e.inspectionDate}#${e.eventNumber}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(e);
  };
  for (const e of history) consider(e);
  if (provider.latestFullInspection) consider(provider.latestFullInspection);
  return out.sort((a, b) =>
    a.inspectionDate !== b.inspectionDate
      ? a.inspectionDate < b.inspectionDate
        ? 1
        : -1
      : a.eventNumber < b.eventNumber
        ? 1
        : a.eventNumber > b.eventNumber
          ? -1
          : 0,
  );
}
const FULL = /full/i;

/** Signals in a fixed order (date, then id), so sums are the same whatever order they arrived in. */
export function sortSignals(signals: IntelligenceSignal[]): IntelligenceSignal[] {
  return signals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.signalId < b.signalId ? -1 : a.signalId > b.signalId ? 1 : 0));
}

/**
 * Intelligence since a date: each signal counts its severity, halved every `signalHalfLifeDays`,
 * and per place: the same concerns weigh more in a small home than in a large one.
 * `signals` must be in sortSignals order.
 */
function addSignals(
  t: Tally,
  signals: readonly IntelligenceSignal[],
  since: string | undefined,
  asOf: string,
  policy: Policy,
  places: number | undefined,
): void {
  const w = policy.weights;
  const perPlace = places && places > 0 ? Math.min(2, Math.max(0.5, Math.sqrt(w.referencePlaces / places))) : 1;
  if (!t.explain) return addSignalPoints(t, signals, since, asOf, policy, perPlace);
  const weighted = new Map<SignalType, { sum: number; count: number; latest: string }>();
  let open: IntelligenceSignal | undefined;
  let openCount = 0;
  for (const s of signals) {
    if (s.date > asOf) continue;
    if (s.type === 'enforcement-action' && s.open) {
      openCount++;
      if (!open || s.date >= open.date) open = s;
    }
    if (since && s.date <= since) continue;
    const entry = weighted.get(s.type) ?? { sum: 0, count: 0, latest: s.date };
    entry.sum += s.severity * 0.5 ** (days(s.date, asOf) / w.signalHalfLifeDays);
    entry.count++;
    entry.latest = s.date;
    weighted.set(s.type, entry);
  }
  for (const type of SIGNAL_ORDER) {
    const e = weighted.get(type);
    if (!e) continue;
    const [one, many] = SIGNAL_WORDS[type];
    t.add(Math.round(w.signals[type] * e.sum * perPlace), () => {
      const scope = since ? 'since the last full inspection' : 'on record';
      const scaled = perPlace !== 1 ? `, weighted for recency and ${places} place${places === 1 ? '' : 's'}` : ', weighted for recency';
      return `${e.count} ${e.count === 1 ? one : many} ${scope} (latest ${ukDate(e.latest)})${scaled}`;
    });
  }
  if (open) {
    const o = open;
    t.add(w.openEnforcement, () => `Open enforcement action${openCount > 1 ? `s (${openCount})` : ''}${o.summary ? `: ${o.summary}` : ''} (${ukDate(o.date)})`);
  }
}

const SIGNAL_ORDER = [...(Object.keys(SIGNAL_WORDS) as SignalType[])].sort();
const SIGNAL_INDEX = new Map(SIGNAL_ORDER.map((t, i) => [t, i]));
const sums = new Float64Array(SIGNAL_ORDER.length);

/** addSignals' points only (ranking at scale): the same sums in the same order, no words and no maps. */
function addSignalPoints(t: Tally, signals: readonly IntelligenceSignal[], since: string | undefined, asOf: string, policy: Policy, perPlace: number): void {
  const w = policy.weights;
  sums.fill(0);
  let seen = 0;
  let open = false;
  for (const s of signals) {
    if (s.date > asOf) continue;
    if (s.type === 'enforcement-action' && s.open) open = true;
    if (since && s.date <= since) continue;
    const i = SIGNAL_INDEX.get(s.type)!;
    sums[i]! += s.severity * 0.5 ** (days(s.date, asOf) / w.signalHalfLifeDays);
    seen |= 1 << i;
  }
  for (let i = 0; i < SIGNAL_ORDER.length; i++) {
    if (seen & (1 << i)) t.add(Math.round(w.signals[SIGNAL_ORDER[i]!] * sums[i]! * perPlace), NO_TEXT);
  }
  if (open) t.add(w.openEnforcement, NO_TEXT);
}
const NO_TEXT = () => '';

/**
 * The statutory inspection cycle of a provision type, in months: children's homes yearly (twice a
 * year after inadequate or requires improvement), secure children's homes twice a year, agencies
 * every three years (policy.statutoryCycleMonths).
 */
export function statutoryCycleMonths(policy: Policy, provisionType: string, lastGrade: Grade | undefined): number {
  const c = policy.statutoryCycleMonths;
  const poor = lastGrade === 'inadequate' || lastGrade === 'requires-improvement';
  return (poor ? c.afterInadequateOrRequiresImprovement[provisionType] : undefined) ?? c.byProvisionType[provisionType] ?? c.default;
}

/** Time since the last inspection, as a share of the statutory cycle: points per cycle elapsed, capped. */
function addTimeSince(t: Tally, policy: Policy, since: string, asOf: string, cycle: number, what: string): void {
  const w = policy.weights.timeSinceInspection;
  const m = months(since, asOf);
  const cycles = m / cycle;
  t.add(
    Math.round(Math.min(w.max, cycles * w.perCycle)),
    () => `${m} month${m === 1 ? '' : 's'} since last full inspection, against a ${cycle}-month cycle for ${what} (${cycles.toFixed(1)} cycles)`,
  );
}

/** Score one provider. With explain false, only the score is computed (for ranking at scale). */
export function scoreProvider(
  provider: Provider,
  history: readonly InspectionEvent[],
  signals: readonly IntelligenceSignal[],
  policy: Policy,
  asOf: string,
  explain = true,
): Score {
  const w = policy.weights;
  const t = new Tally(explain);
  const fulls = fullInspections(provider, history).filter((e) => e.inspectionDate <= asOf);
  const last = fulls[0];
  if (last && last.overall.kind === 'grade') {
    const grade = last.overall.grade;
    t.add(w.lastGrade[grade], () => `${GRADE_LABELS[grade]} at last full inspection (${ukDate(last.inspectionDate)})`);
    const previous = fulls[1];
    if (previous && previous.overall.kind === 'grade') {
      const before: Grade = previous.overall.grade;
      if (GRADE_RANK[grade] > GRADE_RANK[before]) t.add(w.declined, () => `Declined from ${GRADE_LABELS[before]} (${ukDate(previous.inspectionDate)})`);
      else if (GRADE_RANK[grade] < GRADE_RANK[before]) t.add(w.improved, () => `Improved from ${GRADE_LABELS[before]} (${ukDate(previous.inspectionDate)})`);
    }
    let interim: InspectionEvent | undefined;
    for (const e of history) {
      if (
        e.overall.kind === 'interim' &&
        e.inspectionDate > last.inspectionDate &&
        e.inspectionDate <= asOf &&
        (!interim || e.inspectionDate > interim.inspectionDate)
      )
        interim = e;
    }
    if (interim && interim.overall.kind === 'interim' && interim.overall.outcome === 'declined') {
      const i = interim;
      t.add(w.declined, () => `Interim inspection found declined effectiveness (${ukDate(i.inspectionDate)})`);
    }
    addTimeSince(t, policy, last.inspectionDate, asOf, statutoryCycleMonths(policy, provider.provisionType, grade), provider.provisionType);
  } else {
    const registered = provider.registrationDate;
    if (registered && months(registered, asOf) < w.newlyRegisteredMonths)
      t.add(w.newlyRegistered, () => `Newly registered (${ukDate(registered)}), not yet inspected`);
    else t.add(w.neverInspected, () => 'Never inspected');
  }
  addSignals(t, signals, last?.inspectionDate, asOf, policy, provider.places);
  const risk = w.provisionTypeRisk[provider.provisionType];
  if (risk)
    t.add(risk, () =>
      /secure/i.test(provider.provisionType) ? `${provider.provisionType}: always a high priority` : `Provision type: ${provider.provisionType}`,
    );
  if (provider.places) {
    const n = provider.places;
    t.add(Math.round(Math.min(w.maxForPlaces, n * w.perPlace)), () => `${n} place${n === 1 ? '' : 's'}`);
  }
  return t.finish();
}

/** The published 2020 order of LA visits. Bands 1-4 are need; 5 is the good/outstanding sample. */
export type LaBand = 1 | 2 | 3 | 4 | 5 | 6;

export const LA_BAND_LABELS: Record<LaBand, string> = {
  1: 'Judged inadequate',
  2: 'Area for priority action',
  3: 'Concerns from information received since the last inspection',
  4: 'Not yet inspected under the current framework',
  5: 'Good or outstanding: in the sample to learn from good practice',
  6: 'Requires improvement, no recent concerns',
};

const LA_CONCERN_TYPES: readonly SignalType[] = ['la-concern', 'safeguarding-concern', 'whistleblowing', 'complaint', 'serious-event', 'serious-concerns'];

export function laBand(outcome: LaOutcome | undefined, signals: readonly IntelligenceSignal[], asOf: string): LaBand | 'good-or-outstanding' {
  if (outcome?.overall === 'inadequate') return 1;
  if (outcome?.areaForPriorityAction) return 2;
  const since = outcome?.inspectionDate;
  if (signals.some((s) => LA_CONCERN_TYPES.includes(s.type) && s.date <= asOf && (!since || s.date > since))) return 3;
  if (!outcome?.inspectionDate || !outcome.overall) return 4;
  if (outcome.overall === 'good' || outcome.overall === 'outstanding') return 'good-or-outstanding';
  return 6;
}

export function scoreLa(outcome: LaOutcome | undefined, signals: readonly IntelligenceSignal[], policy: Policy, asOf: string): Score {
  const w = policy.weights;
  const t = new Tally(true);
  if (outcome?.overall && outcome.inspectionDate) {
    const { overall, inspectionDate } = outcome;
    t.add(w.lastGrade[overall], () => `${GRADE_LABELS[overall]} at last inspection of children's services (${ukDate(inspectionDate)})`);
    addTimeSince(t, policy, inspectionDate, asOf, policy.statutoryCycleMonths.localAuthority, "local authority children's services");
  } else {
    t.add(w.neverInspected, () => 'Not yet inspected under the current framework (ILACS)');
  }
  if (outcome?.areaForPriorityAction) t.add(w.areaForPriorityAction, () => 'Area for priority action');
  addSignals(t, sortSignals([...signals]), outcome?.inspectionDate, asOf, policy, undefined);
  return t.finish();
}
