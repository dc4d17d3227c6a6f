/**
 * What a programme changes in the stored visits: the visits it placed (new, moved, or re-scored),
 * fixed visits whose notice date has come (now notified), and the visits it dropped (kept for the
 * record, out of the week, region and LA indexes). Each write names the status the stored visit
 * must still have, so a re-plan never overwrites a change made meanwhile (findings arriving, ops
 * deferring or cancelling).
 */
import type { Visit, VisitStatus } from '../domain/types';
import { canonicalJson, type Programme } from './programme';
import { poolMailbox, type Policy } from './policy';

export interface VisitWrite {
  readonly visit: Visit;
  /** The status the stored visit must have; undefined when it must not exist yet. */
  readonly expectedStatus?: VisitStatus;
  /** On the week, region and LA indexes (planned and notified visits), or only on the target's. */
  readonly indexed: boolean;
}

/** Fields whose change is worth a write (the programme id alone is not). */
const comparable = ({ programmeId: _p, ...rest }: Visit) => canonicalJson(rest);

export function visitWrites(programme: Programme, stored: readonly Visit[], policy: Policy): VisitWrite[] {
  const byId = new Map(stored.map((v) => [v.visitId, v]));
  const writes: VisitWrite[] = [];
  for (const p of programme.planned) {
    const before = byId.get(p.visitId);
    if (p.fixed) {
      if (before?.status === 'planned' && p.status === 'notified')
        writes.push({ visit: { ...before, status: 'notified' }, expectedStatus: 'planned', indexed: true });
      continue;
    }
    const visit: Visit = {
      ...(before ?? {}),
      visitId: p.visitId,
      programmeId: programme.programmeId,
      kind: p.kind,
      target: p.target,
      targetName: p.targetName,
      ...(p.provisionType ? { provisionType: p.provisionType } : {}),
      localAuthority: p.localAuthority,
      region: p.region,
      pool: p.pool,
      week: p.week,
      noticeDate: p.noticeDate,
      unannounced: p.unannounced,
      inspector: poolMailbox(policy, p.pool, p.region),
      score: p.score,
      reasons: p.reasons,
      status: p.status,
      urgent: p.urgent === true,
    };
    if (before && comparable(before) === comparable(visit)) continue;
    writes.push({ visit, ...(before ? { expectedStatus: before.status } : {}), indexed: true });
  }
  for (const d of programme.changes.dropped) {
    const before = byId.get(d.visitId);
    if (before) writes.push({ visit: { ...before, status: 'dropped' }, expectedStatus: before.status, indexed: false });
  }
  return writes;
}

/** The stored visits after the writes (an in-memory store: unit tests, the re-plan bench). Conflicting writes are skipped. */
export function applyVisitWrites(stored: readonly Visit[], writes: readonly VisitWrite[]): Visit[] {
  const byId = new Map(stored.map((v) => [v.visitId, v]));
  for (const w of writes) {
    const before = byId.get(w.visit.visitId);
    if ((w.expectedStatus === undefined && before) || (w.expectedStatus !== undefined && before?.status !== w.expectedStatus)) continue;
    byId.set(w.visit.visitId, w.visit);
  }
  return [...byId.values()];
}
