/**
 * The visit programme: who is visited, in which week, and why; and who is not, and why not.
 *
 * Order of allocation (each item goes to the earliest week of the window that fits):
 *   1. LAs in the published 2020 order, bands 1-4 (inadequate; area for priority action;
 *      concerns since the last inspection; not yet inspected), by band then score;
 *   2. the good/outstanding LA sample (capacity reserved by the policy's share);
 *   3. regulated providers, highest score first (at or above the policy's minimum score);
 *   4. other LAs (requires improvement, no recent concerns) if capacity remains.
 * A week fits when the region has inspector capacity left for the visit's effort, the LA is not
 * paused then, and the last visit to the target was long enough ago. Deterministic: inputs are
 * sorted first, ties broken by name, so the same inputs and policy give the same bytes.
 */
import { createHash } from 'node:crypto';
import { ukDate } from '../domain/dates';
import { providerDisplayName } from '../domain/names';
import type { InspectionEvent, IntelligenceSignal, IsoDate, LaOutcome, OfstedRegion, Provider, TargetKind, VisitTarget } from '../domain/types';
import { OFSTED_REGIONS } from '../domain/types';
import type { Policy } from './policy';
import { drawStratifiedSample, type RegionSample } from './sample';
import { LA_BAND_LABELS, laBand, reasonText, scoreLa, scoreProvider, sortSignals, type LaBand } from './score';

export interface PrioritiseInputs {
  readonly providers: readonly Provider[];
  readonly inspections: readonly InspectionEvent[];
  readonly laOutcomes: readonly LaOutcome[];
  readonly signals: readonly IntelligenceSignal[];
  /** Visits that happened (findings received), for the burden rules. */
  readonly previousVisits: readonly { kind: TargetKind; target: string; date: IsoDate }[];
}

export interface PlannedVisit extends VisitTarget {
  readonly visitId: string;
  readonly week: IsoDate;
  readonly noticeDate: IsoDate;
  readonly effort: number;
  readonly score: number;
  readonly reasons: string[];
}

export interface UnplannedItem {
  readonly kind: TargetKind;
  readonly target: string;
  readonly targetName: string;
  readonly region: OfstedRegion;
  readonly score: number;
  readonly why: string;
}

export interface CapacityCell {
  readonly region: OfstedRegion;
  readonly week: IsoDate;
  readonly capacity: number;
  readonly used: number;
}

export interface Programme {
  readonly programmeId: string;
  readonly policyVersion: string;
  readonly seed: number;
  readonly asOf: IsoDate;
  readonly weeks: IsoDate[];
  readonly fullInspectionsPausedUntil: { la: IsoDate; providers: IsoDate };
  readonly sample: RegionSample[];
  readonly capacity: CapacityCell[];
  readonly planned: PlannedVisit[];
  readonly unplanned: UnplannedItem[];
}

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function visitIdFor(kind: TargetKind, target: string, windowStart: string): string {
  return `v-${createHash('sha256').update(`${kind}\u0000${target}\u0000${windowStart}`).digest('hex').slice(0, 12)}`;
}

interface Candidate extends VisitTarget {
  readonly effort: number;
  readonly score: number;
  /** Reasons, or how to get them: providers are explained only once planned (ranking is numbers only). */
  reasons: string[] | (() => string[]);
  /** Months since last inspection, for tie-breaks (longer first). */
  readonly staleness: number;
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

const byNeed = (a: Candidate, b: Candidate) =>
  b.score - a.score || b.staleness - a.staleness || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);

export function buildProgramme(inputs: PrioritiseInputs, policy: Policy): Programme {
  const start = policy.window.startDate;
  const weeks = Array.from({ length: policy.window.weeks }, (_, i) => addDays(start, 7 * i));
  const windowEnd = addDays(start, 7 * policy.window.weeks - 1);
  // Scores are "as of" the notice date of the first week: what planners know when notice goes out.
  const asOf = addDays(start, -policy.burden.noticeDays);

  const history = group(inputs.inspections, (e) => e.urn);
  const providerSignals = group(inputs.signals, (s) => s.urn);
  for (const list of providerSignals.values()) sortSignals(list);
  const laSignals = group(inputs.signals, (s) => s.localAuthority?.toLowerCase());
  const lastVisit = new Map<string, string>();
  for (const v of inputs.previousVisits) {
    const k = `${v.kind}:${v.target}`;
    if ((lastVisit.get(k) ?? '') < v.date) lastVisit.set(k, v.date);
  }
  const paused = group(policy.pausedAreas, (p) => p.localAuthority.toLowerCase());

  const unplanned: UnplannedItem[] = [];
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const monthsSince = (d: string | undefined) => (d ? Math.floor((asOfMs - Date.parse(`${d}T00:00:00Z`)) / (30.44 * DAY)) : 1_000);

  // ---- LAs: bands and the sample -------------------------------------------------------------
  const laNeed: (Candidate & { band: LaBand })[] = [];
  const laOther: (Candidate & { band: LaBand })[] = [];
  const goodOrOutstanding: (Candidate & { band: LaBand })[] = [];
  const outcomes = [...inputs.laOutcomes].sort((a, b) => a.localAuthority.localeCompare(b.localAuthority));
  for (const o of outcomes) {
    const signals = laSignals.get(o.localAuthority.toLowerCase()) ?? [];
    const band = laBand(o, signals, asOf);
    const s = scoreLa(o, signals, policy, asOf);
    const b: LaBand = band === 'good-or-outstanding' ? 5 : band;
    const c = {
      kind: 'la' as const,
      target: o.localAuthority,
      targetName: o.localAuthority,
      localAuthority: o.localAuthority,
      region: o.region,
      effort: policy.effort.la,
      score: s.score,
      reasons: [`Priority band ${b} of the 2020 order: ${LA_BAND_LABELS[b]}`, ...s.reasons.map(reasonText)],
      staleness: monthsSince(o.inspectionDate),
      band: b,
    };
    if (band === 'good-or-outstanding') goodOrOutstanding.push(c);
    else if (band === 6) laOther.push(c);
    else laNeed.push(c);
  }
  laNeed.sort((a, b) => a.band - b.band || byNeed(a, b));
  laOther.sort(byNeed);

  const totalCapacity = OFSTED_REGIONS.reduce((s, r) => s + policy.capacity[r], 0) * policy.window.weeks;
  const sampleSize = Math.floor((policy.laSample.share * totalCapacity) / policy.effort.la);
  const sample = drawStratifiedSample(goodOrOutstanding.map((c) => ({ name: c.target, region: c.region })), sampleSize, policy.laSample.seed);
  const drawn = new Set(sample.flatMap((s) => s.drawn));
  const sampled = goodOrOutstanding.filter((c) => drawn.has(c.target)).sort(byNeed);
  for (const c of goodOrOutstanding) {
    if (!drawn.has(c.target)) unplanned.push({ kind: 'la', target: c.target, targetName: c.targetName, region: c.region, score: c.score, why: `Judged good or outstanding and not drawn in this window's sample (seed ${policy.laSample.seed})` });
  }

  // ---- Providers -------------------------------------------------------------------------------
  const providers: Candidate[] = [];
  const sortedProviders = [...inputs.providers].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const lowerNeed = new Map<number, string>();
  for (const p of sortedProviders) {
    const h = history.get(p.urn) ?? [];
    const sig = providerSignals.get(p.urn) ?? [];
    const s = scoreProvider(p, h, sig, policy, asOf, false);
    const base = { kind: 'provider' as const, target: p.urn, targetName: providerDisplayName(p), region: p.region };
    if (p.status === 'closed') {
      unplanned.push({ ...base, score: s.score, why: 'Closed: not in the latest provider data' });
      continue;
    }
    if (s.score < policy.minimumProviderScore) {
      let why = lowerNeed.get(s.score);
      if (!why) lowerNeed.set(s.score, (why = `Lower need: score ${s.score} is below the policy's minimum of ${policy.minimumProviderScore}`));
      unplanned.push({ ...base, score: s.score, why });
      continue;
    }
    providers.push({
      ...base,
      provisionType: p.provisionType,
      localAuthority: p.localAuthority,
      effort: policy.effort.byProvisionType[p.provisionType] ?? policy.effort.default,
      score: s.score,
      reasons: () => scoreProvider(p, h, sig, policy, asOf, true).reasons.map(reasonText),
      staleness: p.latestFullInspection ? monthsSince(p.latestFullInspection.inspectionDate) : 1_000,
    });
  }
  providers.sort(byNeed);

  // ---- Allocation ------------------------------------------------------------------------------
  const left = new Map<string, number[]>(OFSTED_REGIONS.map((r) => [r, weeks.map(() => policy.capacity[r])]));
  const firstOpen = new Map<string, number>(OFSTED_REGIONS.map((r) => [r, 0]));
  const planned: PlannedVisit[] = [];

  const noCapacity = new Map<string, string>();
  const place = (c: Candidate, extraReason?: string) => {
    const cap = left.get(c.region);
    if (!cap) {
      unplanned.push({ kind: c.kind, target: c.target, targetName: c.targetName, region: c.region, score: c.score, why: `Unknown Ofsted region "${c.region}"` });
      return;
    }
    const last = lastVisit.get(`${c.kind}:${c.target}`);
    const allowedFrom = last ? addDays(last, policy.burden.minDaysBetweenVisits) : undefined;
    const pauses = paused.get(c.localAuthority.toLowerCase()) ?? [];
    let blockedByPause: (typeof pauses)[number] | undefined;
    let blockedByCapacity = false;
    let blockedByRecent = false;
    for (let w = firstOpen.get(c.region)!; w < weeks.length; w++) {
      const monday = weeks[w]!;
      if (allowedFrom && monday < allowedFrom) {
        blockedByRecent = true;
        continue;
      }
      const sunday = addDays(monday, 6);
      const pause = pauses.find((p) => p.from <= sunday && p.to >= monday);
      if (pause) {
        blockedByPause = pause;
        continue;
      }
      if (cap[w]! < c.effort) {
        blockedByCapacity = true;
        continue;
      }
      cap[w]! -= c.effort;
      while (firstOpen.get(c.region)! < weeks.length && cap[firstOpen.get(c.region)!]! <= 0) firstOpen.set(c.region, firstOpen.get(c.region)! + 1);
      const reasons = typeof c.reasons === 'function' ? c.reasons() : c.reasons;
      planned.push({
        visitId: visitIdFor(c.kind, c.target, start),
        kind: c.kind,
        target: c.target,
        targetName: c.targetName,
        ...(c.provisionType ? { provisionType: c.provisionType } : {}),
        localAuthority: c.localAuthority,
        region: c.region,
        week: monday,
        noticeDate: addDays(monday, -policy.burden.noticeDays),
        effort: c.effort,
        score: c.score,
        reasons: extraReason ? [...reasons, extraReason] : reasons,
      });
      return;
    }
    const why =
      blockedByRecent && !blockedByCapacity && !blockedByPause
        ? `Visited recently (${ukDate(last!)}): the policy allows the next visit from ${ukDate(allowedFrom!)}, after this window`
        : blockedByPause && !blockedByCapacity
          ? `Paused area: ${blockedByPause.localAuthority}, ${blockedByPause.reason} (${ukDate(blockedByPause.from)} to ${ukDate(blockedByPause.to)})`
          : (noCapacity.get(c.region) ?? noCapacity.set(c.region, `No inspector capacity left in ${c.region} by ${ukDate(windowEnd)}: higher-need visits came first`).get(c.region)!);
    unplanned.push({ kind: c.kind, target: c.target, targetName: c.targetName, region: c.region, score: c.score, why });
  };

  for (const c of laNeed) place(c);
  for (const c of sampled) place(c, `Drawn in the good/outstanding sample for ${c.region} (seed ${policy.laSample.seed})`);
  for (const c of providers) place(c);
  for (const c of laOther) place(c);

  planned.sort((a, b) => a.week.localeCompare(b.week) || a.region.localeCompare(b.region) || b.score - a.score || a.kind.localeCompare(b.kind) || a.target.localeCompare(b.target));
  unplanned.sort((a, b) => a.kind.localeCompare(b.kind) || b.score - a.score || a.target.localeCompare(b.target));
  const capacity: CapacityCell[] = OFSTED_REGIONS.flatMap((r) => weeks.map((w, i) => ({ region: r, week: w, capacity: policy.capacity[r], used: policy.capacity[r] - left.get(r)![i]! })));

  const body = {
    policyVersion: policy.version,
    seed: policy.laSample.seed,
    asOf,
    weeks,
    fullInspectionsPausedUntil: policy.fullInspectionsPausedUntil,
    sample,
    capacity,
    planned,
    unplanned,
  };
  const programmeId = `p-${hashCanonical(body).slice(0, 12)}`;
  return { programmeId, ...body };
}

/**
 * sha256 of canonicalJson(value), fed piece by piece: a programme for a million providers never
 * becomes one giant string.
 */
export function hashCanonical(value: unknown): string {
  const hash = createHash('sha256');
  const feed = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      hash.update(JSON.stringify(v));
    } else if (Array.isArray(v)) {
      hash.update('[');
      v.forEach((x, i) => {
        if (i) hash.update(',');
        feed(x);
      });
      hash.update(']');
    } else if (v.constructor === Object && Object.values(v).every((x) => x === null || typeof x !== 'object')) {
      hash.update(canonicalJson(v));
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      hash.update('{');
      entries.forEach(([k, x], i) => {
        hash.update(`${i ? ',' : ''}${JSON.stringify(k)}:`);
        feed(x);
      });
      hash.update('}');
    }
  };
  feed(value);
  return hash.digest('hex');
}

/** JSON with object keys sorted at every level: the programme's canonical bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function canonicalProgrammeJson(p: Programme): string {
  return canonicalJson(p);
}

export function programmeDigest(p: Programme): string {
  return hashCanonical(p);
}
