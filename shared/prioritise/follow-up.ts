/**
 * Follow-up visits (policy.followUp), which override the minimum gap between visits:
 * - serious concerns recorded at a visit become intelligence (a signal of type serious-concerns,
 *   dated the last day of that visit) and call for a visit 6 to 8 weeks later;
 * - an open compliance notice (an enforcement action with a due date) is checked within 5 working
 *   days after its due date.
 * A follow-up is needed until the target has been visited after the date that called for it.
 */
import { addDays, addWorkingDays, type Holidays } from '../domain/calendar';
import { ukDate } from '../domain/dates';
import type { IntelligenceSignal, IsoDate, Visit } from '../domain/types';
import type { Policy } from './policy';
import { visitedAfter, type VisitState } from './visit-state';

/** What prioritisation reads of a stored findings version. */
export interface FindingsSummary {
  readonly visitId: string;
  readonly version: number;
  readonly seriousConcerns: boolean;
  /** The last day of the visit. */
  readonly visitEndDate: IsoDate;
}

/**
 * One serious-concerns signal per visit whose latest findings version records serious concerns
 * (an amendment that withdraws them withdraws the signal). Never copies the description: it is
 * restricted material.
 */
export function seriousConcernSignals(findings: readonly FindingsSummary[], visits: readonly Visit[]): IntelligenceSignal[] {
  const latest = new Map<string, FindingsSummary>();
  for (const f of findings) if ((latest.get(f.visitId)?.version ?? 0) < f.version) latest.set(f.visitId, f);
  const byId = new Map(visits.map((v) => [v.visitId, v]));
  const out: IntelligenceSignal[] = [];
  for (const f of [...latest.values()].sort((a, b) => (a.visitId < b.visitId ? -1 : 1))) {
    const visit = byId.get(f.visitId);
    if (!f.seriousConcerns || !visit) continue;
    out.push({
      signalId: `findings-${f.visitId}`,
      type: 'serious-concerns',
      date: f.visitEndDate,
      ...(visit.kind === 'la' ? { localAuthority: visit.target } : { urn: visit.target }),
      severity: 3,
      open: false,
      summary: `Serious concerns recorded at visit ${f.visitId}`,
      source: 'Findings',
    });
  }
  return out;
}

export interface FollowUp {
  readonly because: 'serious-concerns' | 'compliance-notice';
  /** The date that calls for it: the visit's last day, or the notice's due date. */
  readonly trigger: IsoDate;
  /** The visit should fall in a week overlapping [from, to]. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly reason: string;
}

/** The follow-up a target needs, if any: the one whose window closes first. */
export function followUpFor(
  key: string,
  signals: readonly IntelligenceSignal[],
  asOf: IsoDate,
  policy: Policy,
  holidays: Holidays,
  state: VisitState,
): FollowUp | undefined {
  let due: IntelligenceSignal | undefined;
  let dueTo = '';
  for (const s of signals) {
    if (s.date > asOf || !(s.type === 'serious-concerns' || (s.type === 'enforcement-action' && s.open && s.dueDate))) continue;
    const trigger = s.type === 'serious-concerns' ? s.date : s.dueDate!;
    if (visitedAfter(state, key, trigger)) continue;
    const to = windowOf(s, policy, holidays).to;
    if (!due || to < dueTo) [due, dueTo] = [s, to];
  }
  return due ? followUpOf(due, policy, holidays) : undefined;
}

function windowOf(s: IntelligenceSignal, policy: Policy, holidays: Holidays): { from: IsoDate; to: IsoDate } {
  if (s.type === 'serious-concerns') {
    const { fromWeeks, toWeeks } = policy.followUp.afterSeriousConcerns;
    return { from: addDays(s.date, fromWeeks * 7), to: addDays(s.date, toWeeks * 7) };
  }
  const n = policy.followUp.complianceNoticeCheck.withinWorkingDaysAfterDue;
  return { from: addWorkingDays(s.dueDate!, 1, holidays), to: addWorkingDays(s.dueDate!, n, holidays) };
}

function followUpOf(s: IntelligenceSignal, policy: Policy, holidays: Holidays): FollowUp {
  const { from, to } = windowOf(s, policy, holidays);
  if (s.type === 'serious-concerns') {
    const { fromWeeks, toWeeks } = policy.followUp.afterSeriousConcerns;
    return {
      because: 'serious-concerns',
      trigger: s.date,
      from,
      to,
      reason: `Follow-up: serious concerns recorded at a visit (${ukDate(s.date)}); due ${fromWeeks} to ${toWeeks} weeks later, ${ukDate(from)} to ${ukDate(to)}`,
    };
  }
  const n = policy.followUp.complianceNoticeCheck.withinWorkingDaysAfterDue;
  const what = s.summary ? `: ${s.summary}` : '';
  return {
    because: 'compliance-notice',
    trigger: s.dueDate!,
    from,
    to,
    reason: `Follow-up: check of a compliance notice due ${ukDate(s.dueDate!)}${what}; within ${n} working days after, by ${ukDate(to)}`,
  };
}

/** Does a week (Monday to Friday) overlap a follow-up's window? */
export function weekInWindow(week: IsoDate, window: { from: IsoDate; to: IsoDate }): boolean {
  return week <= window.to && addDays(week, 4) >= window.from;
}
