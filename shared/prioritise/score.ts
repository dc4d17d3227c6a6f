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
const days = (from: string, to: string) => Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
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
  'independent-report': ['Regulation 44/45 report', 'Regulation 44/45 reports'],
};

export function finish(reasons: Reason[]): Score {
  const kept = reasons.filter((r) => r.points !== 0);
  kept.sort((a, b) => b.points - a.points || a.text.localeCompare(b.text));
  return { score: kept.reduce((s, r) => s + r.points, 0), reasons: kept };
}

const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
export const reasonText = (r: Reason) => `${r.text}: ${sign(r.points)}`;

/** Full inspections of one provider, newest first. */
function fullInspections(provider: Provider, history: readonly InspectionEvent[]): InspectionEvent[] {
  const byKey = new Map<string, InspectionEvent>();
  for (const e of [...history, ...(provider.latestFullInspection ? [provider.latestFullInspection] : [])]) {
    if (/full/i.test(e.eventType) && e.overall.kind === 'grade') byKey.set(`${e.inspectionDate}#${e.eventNumber}`, e);
  }
  return [...byKey.values()].sort((a, b) => b.inspectionDate.localeCompare(a.inspectionDate) || b.eventNumber.localeCompare(a.eventNumber));
}

/**
 * Intelligence since a date: each signal counts its severity, halved every `signalHalfLifeDays`,
 * and per-place: the same concerns weigh more in a small home than in a large one.
 */
function signalReasons(signals: readonly IntelligenceSignal[], since: string | undefined, asOf: string, policy: Policy, places: number | undefined): Reason[] {
  const w = policy.weights;
  const byType = new Map<SignalType, IntelligenceSignal[]>();
  for (const s of signals) {
    if (s.date > asOf || (since && s.date <= since)) continue;
    const list = byType.get(s.type) ?? [];
    list.push(s);
    byType.set(s.type, list);
  }
  const perPlace = places && places > 0 ? Math.min(2, Math.max(0.5, Math.sqrt(w.referencePlaces / places))) : 1;
  const reasons: Reason[] = [];
  for (const [type, list] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    list.sort((a, b) => a.date.localeCompare(b.date) || a.signalId.localeCompare(b.signalId));
    let weighted = 0;
    for (const s of list) weighted += s.severity * 0.5 ** (days(s.date, asOf) / w.signalHalfLifeDays);
    const pts = Math.round(w.signals[type] * weighted * perPlace);
    const latest = list[list.length - 1]!.date;
    const [one, many] = SIGNAL_WORDS[type];
    const scope = since ? `since the last full inspection` : 'on record';
    const scaled = perPlace !== 1 ? `, weighted for recency and ${places} place${places === 1 ? '' : 's'}` : ', weighted for recency';
    reasons.push({ text: `${list.length} ${list.length === 1 ? one : many} ${scope} (latest ${ukDate(latest)})${scaled}`, points: pts });
  }
  const open = signals.filter((s) => s.type === 'enforcement-action' && s.open && s.date <= asOf).sort((a, b) => b.date.localeCompare(a.date));
  if (open.length) {
    reasons.push({ text: `Open enforcement action${open.length > 1 ? `s (${open.length})` : ''}${open[0]!.summary ? `: ${open[0]!.summary}` : ''} (${ukDate(open[0]!.date)})`, points: w.openEnforcement });
  }
  return reasons;
}

export function scoreProvider(provider: Provider, history: readonly InspectionEvent[], signals: readonly IntelligenceSignal[], policy: Policy, asOf: string): Score {
  const w = policy.weights;
  const reasons: Reason[] = [];
  const fulls = fullInspections(provider, history).filter((e) => e.inspectionDate <= asOf);
  const last = fulls[0];
  if (last && last.overall.kind === 'grade') {
    const grade = last.overall.grade;
    reasons.push({ text: `${GRADE_LABELS[grade]} at last full inspection (${ukDate(last.inspectionDate)})`, points: w.lastGrade[grade] });
    const previous = fulls[1];
    if (previous && previous.overall.kind === 'grade') {
      const before: Grade = previous.overall.grade;
      if (GRADE_RANK[grade] > GRADE_RANK[before]) reasons.push({ text: `Declined from ${GRADE_LABELS[before]} (${ukDate(previous.inspectionDate)})`, points: w.declined });
      else if (GRADE_RANK[grade] < GRADE_RANK[before]) reasons.push({ text: `Improved from ${GRADE_LABELS[before]} (${ukDate(previous.inspectionDate)})`, points: w.improved });
    }
    const interim = history
      .filter((e) => e.overall.kind === 'interim' && e.inspectionDate > last.inspectionDate && e.inspectionDate <= asOf)
      .sort((a, b) => b.inspectionDate.localeCompare(a.inspectionDate))[0];
    if (interim && interim.overall.kind === 'interim' && interim.overall.outcome === 'declined') {
      reasons.push({ text: `Interim inspection found declined effectiveness (${ukDate(interim.inspectionDate)})`, points: w.declined });
    }
    const m = months(last.inspectionDate, asOf);
    const pts = Math.round(Math.min(w.maxForTimeSinceInspection, m * w.perMonthSinceFullInspection));
    reasons.push({ text: `${m} month${m === 1 ? '' : 's'} since last full inspection`, points: pts });
  } else {
    const recent = provider.registrationDate && months(provider.registrationDate, asOf) < w.newlyRegisteredMonths;
    reasons.push(recent ? { text: `Newly registered (${ukDate(provider.registrationDate!)}), not yet inspected`, points: w.newlyRegistered } : { text: 'Never inspected', points: w.neverInspected });
  }
  reasons.push(...signalReasons(signals, last?.inspectionDate, asOf, policy, provider.places));
  const risk = w.provisionTypeRisk[provider.provisionType];
  if (risk) reasons.push({ text: /secure/i.test(provider.provisionType) ? `${provider.provisionType}: always a high priority` : `Provision type: ${provider.provisionType}`, points: risk });
  if (provider.places) {
    reasons.push({ text: `${provider.places} place${provider.places === 1 ? '' : 's'}`, points: Math.round(Math.min(w.maxForPlaces, provider.places * w.perPlace)) });
  }
  return finish(reasons);
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

const LA_CONCERN_TYPES: readonly SignalType[] = ['la-concern', 'safeguarding-concern', 'whistleblowing', 'complaint', 'serious-event'];

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
  const reasons: Reason[] = [];
  if (outcome?.overall && outcome.inspectionDate) {
    reasons.push({ text: `${GRADE_LABELS[outcome.overall]} at last inspection of children's services (${ukDate(outcome.inspectionDate)})`, points: w.lastGrade[outcome.overall] });
    const m = months(outcome.inspectionDate, asOf);
    reasons.push({ text: `${m} month${m === 1 ? '' : 's'} since last inspection`, points: Math.round(Math.min(w.maxForTimeSinceInspection, m * w.perMonthSinceFullInspection)) });
  } else {
    reasons.push({ text: 'Not yet inspected under the current framework (ILACS)', points: w.neverInspected });
  }
  if (outcome?.areaForPriorityAction) reasons.push({ text: 'Area for priority action', points: w.declined });
  reasons.push(...signalReasons(signals, outcome?.inspectionDate, asOf, policy, undefined));
  return finish(reasons);
}
