/**
 * Ops' changes to one visit's life: defer it (with a reason and the earliest date it may be planned
 * again; the next re-plan plans it from then) or cancel it (with a reason; it will not happen).
 * A visit that has started or has findings can be neither. The stored visit is replaced only if
 * its status is still the one read, so a change made meanwhile is never overwritten.
 */
import { ukDate } from '../domain/dates';
import { textProblem } from '../domain/text';
import type { IsoDate, Visit, VisitStatus } from '../domain/types';

export interface VisitLifecyclePorts {
  getVisit(visitId: string): Promise<Visit | undefined>;
  /** Replace the visit if its stored status is still `expected`; false when it had changed. */
  saveVisit(visit: Visit, expected: VisitStatus): Promise<boolean>;
}

export type LifecycleOutcome =
  | { readonly ok: true; readonly visit: Visit; readonly previousStatus: VisitStatus; readonly next: string }
  | { readonly ok: false; readonly problem: string; readonly code: 'not-found' | 'not-allowed' | 'bad-input' | 'changed' };

const DEFERRABLE: readonly VisitStatus[] = ['planned', 'notified', 'deferred'];
const CANCELLABLE: readonly VisitStatus[] = ['planned', 'notified', 'deferred', 'dropped'];
export const REASON_MAX = 500;

function reasonProblem(reason: string): string | undefined {
  const r = reason.trim();
  if (!r) return 'Give a reason (--reason TEXT): it is kept with the visit and shown in the programme.';
  if (r.length > REASON_MAX) return `The reason is ${r.length} characters long: keep it to ${REASON_MAX}.`;
  const p = textProblem(r, 'free');
  return p ? `The reason ${p.message}.` : undefined;
}

const notAllowed = (v: Visit, what: string, allowed: readonly VisitStatus[]): LifecycleOutcome => ({
  ok: false,
  code: 'not-allowed',
  problem: `Visit ${v.visitId} (${v.targetName}) is ${v.status}: only a visit that is ${allowed.join(', ')} can be ${what}.`,
});

async function change(ports: VisitLifecyclePorts, visitId: string, rule: (v: Visit) => LifecycleOutcome): Promise<LifecycleOutcome> {
  const visit = await ports.getVisit(visitId);
  if (!visit) return { ok: false, code: 'not-found', problem: `No visit ${visitId}. Visit ids are in the programme report, or: npm run prioritise -- --json` };
  const outcome = rule(visit);
  if (!outcome.ok) return outcome;
  if (!(await ports.saveVisit(outcome.visit, visit.status))) {
    return { ok: false, code: 'changed', problem: `Visit ${visitId} changed while this ran (it is no longer ${visit.status}): look at it again and retry.` };
  }
  return outcome;
}

/** Put a visit off until a date, with a reason. */
export function deferVisit(ports: VisitLifecyclePorts, visitId: string, args: { until: IsoDate; reason: string; today: IsoDate }): Promise<LifecycleOutcome> {
  return change(ports, visitId, (v) => {
    if (!DEFERRABLE.includes(v.status)) return notAllowed(v, 'deferred', DEFERRABLE);
    const problem =
      reasonProblem(args.reason) ??
      (args.until <= args.today ? `--until must be after today (${ukDate(args.today)}): it is the earliest date the visit may be planned again.` : undefined);
    if (problem) return { ok: false, code: 'bad-input', problem };
    const visit: Visit = { ...v, status: 'deferred', deferral: { on: args.today, until: args.until, reason: args.reason.trim() } };
    return {
      ok: true,
      visit,
      previousStatus: v.status,
      next: `It is planned again from ${ukDate(args.until)} at the next programme run (nightly, or now: npm run prioritise).`,
    };
  });
}

/** Cancel a visit, with a reason: it will not happen. */
export function cancelVisit(ports: VisitLifecyclePorts, visitId: string, args: { reason: string; today: IsoDate }): Promise<LifecycleOutcome> {
  return change(ports, visitId, (v) => {
    if (!CANCELLABLE.includes(v.status)) return notAllowed(v, 'cancelled', CANCELLABLE);
    const problem = reasonProblem(args.reason);
    if (problem) return { ok: false, code: 'bad-input', problem };
    const visit: Visit = { ...v, status: 'cancelled', cancellation: { on: args.today, reason: args.reason.trim() } };
    return {
      ok: true,
      visit,
      previousStatus: v.status,
      next: 'The next programme run gives its week to another visit; the provider or LA is not planned again unless new concerns call for a visit.',
    };
  });
}
