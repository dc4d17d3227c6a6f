/**
 * Who is told what on a schedule: the weekly digest (each commissioner, the reports first published
 * last week in their area) and the overdue-findings reminder (inspectors of visits whose week ended
 * a while ago with no findings). Pure.
 */
import type { Commissioner, Visit, VisitStatus } from '../domain/types';
import type { ReportEdition } from '../publication/records';
import { matchesCommissioner } from './matching';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the week that ended just before `now` (the digest covers that week): [from, to). */
export function digestWeek(now: Date): { from: string; to: string } {
  const day = (now.getUTCDay() + 6) % 7; // 0 = Monday
  const thisMonday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY;
  return { from: isoDate(thisMonday - 7 * DAY), to: isoDate(thisMonday) };
}

/** The first publications in [from, to) that a commissioner's subscription covers. */
export function digestFor(c: Commissioner, editions: readonly ReportEdition[], week: { from: string; to: string }): ReportEdition[] {
  return editions.filter(
    (e) =>
      e.kind === 'publication' &&
      e.at.slice(0, 10) >= week.from &&
      e.at.slice(0, 10) < week.to &&
      matchesCommissioner(c, { localAuthority: e.localAuthority, region: e.region, urn: e.urn }),
  );
}

/** Visits not yet visited as far as we know: findings could still be expected. */
const AWAITING_FINDINGS: readonly VisitStatus[] = ['planned', 'notified', 'in-progress'];

/** Visits whose week ended more than `afterDays` ago and still have no findings. */
export function overdueVisits(visits: readonly Visit[], now: Date, afterDays: number): { visit: Visit; daysOverdue: number }[] {
  return visits
    .filter((v) => AWAITING_FINDINGS.includes(v.status))
    .map((v) => ({ visit: v, daysOverdue: Math.floor((now.getTime() - (Date.parse(`${v.week}T00:00:00Z`) + 7 * DAY)) / DAY) }))
    .filter((x) => x.daysOverdue >= afterDays)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.visit.visitId.localeCompare(b.visit.visitId));
}
