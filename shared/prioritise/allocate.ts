/**
 * Allocation of one pool's visits in one region, week by week, moving as few visits as it can.
 *
 * 1. Selection: in priority order, each candidate takes the earliest week with room (as a fresh
 *    plan would); this decides who is in the programme, so a higher-priority newcomer gets in and
 *    the lowest-priority visits make way.
 * 2. Placement: of those selected, a visit already planned (not fixed) keeps its week when it is
 *    still allowed and has room; the others take the earliest week with room; when none has room,
 *    a lower-priority visit in the weeks allowed is displaced (and placed again elsewhere, or
 *    leaves). Triage and follow-ups with no week in time are planned as soon as possible after.
 *
 * Fixed visits are already counted in `used` and never touched. Deterministic for the same inputs.
 */
import { addDays, daysBetween } from '../domain/calendar';
import { ukDate } from '../domain/dates';
import type { IsoDate, OfstedRegion } from '../domain/types';
import type { Candidate } from './candidates';
import type { Policy } from './policy';
import type { NoticeDates } from './weeks';

type PausedArea = Policy['pausedAreas'][number];

export interface RegionPlan {
  readonly pool: string;
  readonly region: OfstedRegion;
  readonly weeks: readonly IsoDate[];
  readonly capacity: readonly number[];
  /** Per week, the capacity held back for triage and follow-ups (ordinary visits may not use it). */
  readonly reserved: readonly number[];
  /** Effort of fixed visits per week: all of them, and the ordinary ones (not triage or follow-ups). */
  readonly used: readonly number[];
  readonly usedOrdinary: readonly number[];
  readonly asOf: IsoDate;
  readonly notices: NoticeDates;
  readonly pausesOf: (localAuthority: string) => readonly PausedArea[];
}

export interface Placement {
  readonly candidate: Candidate;
  readonly week: IsoDate;
  readonly noticeDate: IsoDate;
  /** Triage or follow-up placed after the week it was due by. */
  readonly late: boolean;
}

export interface RegionOutcome {
  readonly placed: Placement[];
  readonly notPlaced: { candidate: Candidate; why: string }[];
  /** Why a visit that was planned could not keep its week. */
  readonly moveWhy: Map<Candidate, string>;
  /** Who displaced whom (the displaced visit's week before). */
  readonly displaced: { by: Candidate; victim: Candidate; from: IsoDate }[];
  /** Why a triage or follow-up could not be planned in time. */
  readonly lateWhy: Map<Candidate, string>;
}

interface Range {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Effort per week: all visits, and ordinary ones apart. Triage and follow-ups may use the whole
 * capacity; ordinary visits only what is not held back, counting only ordinary visits against
 * it, so an urgent visit kept in its week never pushes an ordinary one out of it.
 */
class Cells {
  constructor(
    private readonly plan: RegionPlan,
    readonly all: number[],
    readonly ordinary: number[],
  ) {}
  static of(plan: RegionPlan): Cells {
    return new Cells(plan, [...plan.used], [...plan.usedOrdinary]);
  }
  copy(): Cells {
    return new Cells(this.plan, [...this.all], [...this.ordinary]);
  }
  fits(c: Candidate, i: number, without?: Candidate): boolean {
    const freed = without?.effort ?? 0;
    if (this.all[i]! - freed + c.effort > this.plan.capacity[i]!) return false;
    const freedOrdinary = without && !without.hard ? without.effort : 0;
    return c.hard || this.ordinary[i]! - freedOrdinary + c.effort <= this.plan.capacity[i]! - this.plan.reserved[i]!;
  }
  /** No ordinary visit fits in week i any more. */
  fullForOrdinary(i: number): boolean {
    return this.all[i]! >= this.plan.capacity[i]! || this.ordinary[i]! >= this.plan.capacity[i]! - this.plan.reserved[i]!;
  }
  add(c: Candidate, i: number, sign = 1): void {
    this.all[i]! += sign * c.effort;
    if (!c.hard) this.ordinary[i]! += sign * c.effort;
  }
}

export class RegionAllocator {
  private readonly order = new Map<Candidate, number>();
  private readonly use: Cells;
  private readonly slots: Candidate[][];
  private readonly at = new Map<Candidate, number>();
  private readonly out: RegionOutcome = { placed: [], notPlaced: [], moveWhy: new Map(), displaced: [], lateWhy: new Map() };
  private readonly firstFeasible = new Map<string, number>();
  private readonly ranges = new Map<Candidate, Range>();
  private readonly weekIndex: ReadonlyMap<IsoDate, number>;
  private readonly sundays: readonly IsoDate[];

  constructor(
    private readonly plan: RegionPlan,
    /** Sorted by priority, highest first. */
    private readonly candidates: readonly Candidate[],
  ) {
    candidates.forEach((c, i) => this.order.set(c, i));
    this.use = Cells.of(plan);
    this.slots = plan.weeks.map(() => []);
    this.weekIndex = new Map(plan.weeks.map((w, i) => [w, i]));
    this.sundays = plan.weeks.map((w) => addDays(w, 6));
  }

  run(): RegionOutcome {
    const selected = this.select();
    this.keep(selected);
    this.placeRest(selected.filter((c) => !this.at.has(c)));
    for (const [c, i] of [...this.at].sort((a, b) => this.order.get(a[0])! - this.order.get(b[0])!)) {
      const late = i > this.range(c).hi;
      this.out.placed.push({ candidate: c, week: this.plan.weeks[i]!, noticeDate: this.noticeDate(c, i), late });
    }
    return this.out;
  }

  // ---- 1. Selection -------------------------------------------------------------------------

  private select(): Candidate[] {
    const sim = this.use.copy();
    const weeks = this.plan.weeks.length;
    const selected: Candidate[] = [];
    let firstOpen = 0;
    for (const c of this.candidates) {
      while (firstOpen < weeks && sim.fullForOrdinary(firstOpen)) firstOpen++;
      const r = this.range(c);
      // firstOpen: the first week with ordinary room; triage and follow-ups may also use the reserve.
      const from = c.hard ? r.lo : Math.max(r.lo, firstOpen);
      let i = !c.hard && firstOpen >= weeks ? -1 : this.room(sim, c, from, r.hi);
      if (i < 0 && c.hard) i = this.room(sim, c, Math.max(r.hi + 1, r.lo), this.plan.weeks.length - 1);
      if (i < 0) {
        this.out.notPlaced.push({ candidate: c, why: this.whyNot(sim, c, r) });
        continue;
      }
      sim.add(c, i);
      selected.push(c);
    }
    return selected;
  }

  // ---- 2. Placement -------------------------------------------------------------------------

  /** Visits already planned keep their week when it is still allowed and has room. */
  private keep(selected: readonly Candidate[]): void {
    for (const c of selected) {
      const ex = c.existing;
      if (!ex || ex.status !== 'planned') continue;
      const i = this.index(ex.week);
      const r = this.range(c);
      const allowed = i >= r.lo && i <= r.hi;
      const pause = allowed ? this.pauseAt(c, i) : undefined;
      if (allowed && !pause && this.use.fits(c, i)) this.put(c, i);
      else
        this.out.moveWhy.set(
          c,
          !allowed
            ? this.notAllowedWhy(c, ex.week)
            : pause
              ? `Its week is now in a paused area: ${pause.reason}`
              : `Its week (${ukDate(ex.week)}) was needed by higher-priority visits`,
        );
    }
  }

  /** The rest, highest priority first: the earliest week with room, or a lower-priority visit's. */
  private placeRest(rest: Candidate[]): void {
    const queue = new PriorityQueue<Candidate>((a, b) => this.order.get(a)! - this.order.get(b)!);
    for (const c of rest) queue.push(c);
    for (let c = queue.pop(); c; c = queue.pop()) {
      const r = this.range(c);
      const i = this.room(this.use, c, r.lo, r.hi);
      if (i >= 0) {
        this.put(c, i);
        continue;
      }
      const victim = this.displaceable(c, r);
      if (victim) {
        const from = this.plan.weeks[this.at.get(victim)!]!;
        this.take(victim);
        this.put(c, this.index(from));
        this.out.displaced.push({ by: c, victim, from });
        queue.push(victim);
        continue;
      }
      if (c.hard && this.placeLate(c, r)) continue;
      this.out.notPlaced.push({ candidate: c, why: this.whyNot(this.use, c, r) });
    }
  }

  private placeLate(c: Candidate, r: Range): boolean {
    const late: Range = { lo: Math.max(r.hi + 1, r.lo), hi: this.plan.weeks.length - 1 };
    const i = this.room(this.use, c, late.lo, late.hi);
    if (i < 0) return false;
    this.out.lateWhy.set(
      c,
      r.lo > r.hi
        ? 'no week in time allows the notice needed'
        : `no room in time: the weeks to ${ukDate(this.plan.weeks[r.hi]!)} are taken by fixed or higher-priority visits`,
    );
    this.put(c, i);
    return true;
  }

  /** The lowest-priority placed visit, in a week allowed for c, whose removal makes room for c. */
  private displaceable(c: Candidate, r: Range): Candidate | undefined {
    let best: Candidate | undefined;
    const mine = this.order.get(c)!;
    for (let i = Math.max(r.lo, 0); i <= r.hi && i < this.slots.length; i++) {
      if (this.pauseAt(c, i)) continue;
      for (const v of this.slots[i]!) {
        const o = this.order.get(v)!;
        if (o > mine && this.use.fits(c, i, v) && (!best || o > this.order.get(best)!)) best = v;
      }
    }
    return best;
  }

  // ---- Weeks, rooms and reasons -------------------------------------------------------------

  private put(c: Candidate, i: number): void {
    this.use.add(c, i);
    this.slots[i]!.push(c);
    this.at.set(c, i);
  }

  private take(c: Candidate): void {
    const i = this.at.get(c)!;
    this.use.add(c, i, -1);
    this.slots[i] = this.slots[i]!.filter((v) => v !== c);
    this.at.delete(c);
  }

  private index(week: IsoDate): number {
    return this.weekIndex.get(week) ?? Math.round(daysBetween(this.plan.weeks[0]!, week) / 7);
  }

  /** The earliest week in [lo, hi] with room that is not paused for c, or -1. */
  private room(cells: Cells, c: Candidate, lo: number, hi: number): number {
    for (let i = Math.max(lo, 0); i <= hi && i < this.plan.weeks.length; i++) if (cells.fits(c, i) && !this.pauseAt(c, i)) return i;
    return -1;
  }

  /** Weeks c may be planned in: notice can still be given, and inside its own from/to. */
  private range(c: Candidate): Range {
    let r = this.ranges.get(c);
    if (!r) {
      r = { lo: Math.max(this.feasibleFrom(c), this.index(c.from)), hi: Math.min(this.plan.weeks.length - 1, this.index(c.to)) };
      this.ranges.set(c, r);
    }
    return r;
  }

  /**
   * The first week whose notice can still be given after the as-of day (a visit placed today is
   * notified from tomorrow, so a re-plan the same day finds it where it left it). An unannounced
   * triage visit may go in any later week: its inspector is told tomorrow.
   */
  private feasibleFrom(c: Candidate): number {
    const urgentUnannounced = c.klass === 0 && c.notice.unannounced;
    const key = urgentUnannounced ? 'now' : String(c.notice.workingDays);
    let i = this.firstFeasible.get(key);
    if (i === undefined) {
      const { weeks, notices } = this.plan;
      const tomorrow = this.tomorrow();
      i = weeks.findIndex((w) => w >= tomorrow && (urgentUnannounced || notices.of(w, c.notice.workingDays) >= tomorrow));
      if (i < 0) i = weeks.length;
      this.firstFeasible.set(key, i);
    }
    return i;
  }

  /** The first working day after the as-of day. */
  private tomorrow(): IsoDate {
    return this.memo('tomorrow', () => this.plan.notices.nextWorkingDayAfter(this.plan.asOf));
  }

  private noticeDate(c: Candidate, i: number): IsoDate {
    const d = this.plan.notices.of(this.plan.weeks[i]!, c.notice.workingDays);
    return d < this.tomorrow() ? this.tomorrow() : d;
  }

  private pauseAt(c: Candidate, i: number): PausedArea | undefined {
    const pauses = this.plan.pausesOf(c.localAuthority);
    if (pauses.length === 0) return undefined;
    const monday = this.plan.weeks[i]!;
    const sunday = this.sundays[i]!;
    return pauses.find((p) => p.from <= sunday && p.to >= monday);
  }

  private notAllowedWhy(c: Candidate, week: IsoDate): string {
    if (c.triage) return `Brought forward for triage (due by ${ukDate(c.triage.dueBy)})`;
    if (c.followUp) return 'Moved into its follow-up window';
    if (c.existing?.status === 'deferred') return 'Deferred';
    return `The week of ${ukDate(week)} is no longer allowed for it (minimum gap, notice or the window changed)`;
  }

  private whyNot(cells: Cells, c: Candidate, r: Range): string {
    const { weeks, pool } = this.plan;
    if (r.lo >= weeks.length) return this.memo('window', () => this.windowOverWhy());
    const pauses = this.plan.pausesOf(c.localAuthority);
    if (pauses.length) {
      let paused: PausedArea | undefined;
      let full = false;
      for (let i = r.lo; i <= r.hi; i++) {
        const p = this.pauseAt(c, i);
        if (p) paused = p;
        else if (!cells.fits(c, i)) full = true;
      }
      if (paused && !full) return `Paused area: ${paused.localAuthority}, ${paused.reason} (${ukDate(paused.from)} to ${ukDate(paused.to)})`;
    }
    return this.memo(
      'capacity',
      () => `No inspector capacity left in ${this.plan.region} (${pool}) by ${ukDate(weeks[weeks.length - 1]!)}: higher-priority visits came first`,
    );
  }

  private windowOverWhy(): string {
    const { weeks, asOf, pool } = this.plan;
    const end = weeks[weeks.length - 1];
    if (!end || addDays(end, 6) < asOf) return `The ${pool} window ended${end ? ` (${ukDate(addDays(end, 6))})` : ''}: no week left to plan`;
    return `No week left in the ${pool} window that allows notice (the last week starts ${ukDate(end)})`;
  }

  private readonly memos = new Map<string, string>();
  private memo(key: string, make: () => string): string {
    let m = this.memos.get(key);
    if (m === undefined) this.memos.set(key, (m = make()));
    return m;
  }
}

/** A small binary heap (the placement queue takes back displaced visits in priority order). */
class PriorityQueue<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.before(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
