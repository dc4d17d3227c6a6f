/** Builders for programme tests: signals, LA outcomes, visits, and a policy with its numbers changed. */
import { expect } from 'vitest';
import type { IntelligenceSignal, LaOutcome, OfstedRegion, PoolId, Visit } from '../../../shared/domain/types';
import { OFSTED_REGIONS } from '../../../shared/domain/types';
import { defaultPolicy, type Policy } from '../../../shared/prioritise/policy';
import type { PrioritiseInputs } from '../../../shared/prioritise/programme';

export function signal(
  id: string,
  type: IntelligenceSignal['type'],
  date: string,
  target: { urn?: string; localAuthority?: string },
  over: Partial<IntelligenceSignal> = {},
): IntelligenceSignal {
  return { signalId: id, type, date, severity: 1, open: true, ...target, ...over };
}

export function la(name: string, region: OfstedRegion, overall?: LaOutcome['overall'], over: Partial<LaOutcome> = {}): LaOutcome {
  return { localAuthority: name, region, areaForPriorityAction: false, ...(overall ? { overall, inspectionDate: '2019-05-01' } : {}), ...over };
}

export const inputs = (over: Partial<PrioritiseInputs> = {}): PrioritiseInputs => ({
  providers: [],
  inspections: [],
  laOutcomes: [],
  signals: [],
  visits: [],
  ...over,
});

export const policy = (over: Partial<Policy> = {}): Policy => ({ ...defaultPolicy(), ...over });

/** The policy with one pool's capacity, window, leave or reserve changed (capacity: these regions, 0 elsewhere). */
export function withPool(
  p: Policy,
  pool: PoolId,
  over: { capacity?: Partial<Record<OfstedRegion, number>>; from?: string; to?: string; leave?: Policy['pools']['la']['leave']; reservedForUrgent?: number },
): Policy {
  const current = p.pools[pool];
  const capacity = over.capacity
    ? (Object.fromEntries(OFSTED_REGIONS.map((r) => [r, over.capacity![r] ?? 0])) as Policy['pools']['la']['capacity'])
    : current.capacity;
  return {
    ...p,
    pools: {
      ...p.pools,
      [pool]: {
        ...current,
        capacity,
        window: { from: over.from ?? current.window.from, to: over.to ?? current.window.to },
        leave: over.leave ?? current.leave,
        reservedForUrgent: over.reservedForUrgent ?? current.reservedForUrgent,
      },
    },
  };
}

/** A stored visit (as a re-plan or the findings path left it). */
export function aVisit(over: Partial<Visit> & Pick<Visit, 'visitId' | 'target' | 'week' | 'noticeDate'>): Visit {
  return {
    programmeId: 'p-before',
    kind: 'provider',
    targetName: `Home ${over.target}`,
    provisionType: "Children's home",
    localAuthority: 'Testshire',
    region: 'North West',
    score: 40,
    reasons: ['Earlier reasons: +40'],
    status: 'planned',
    pool: 'provider',
    unannounced: true,
    ...over,
  };
}

/** expect.stringMatching, typed as the string it stands for (inside toMatchObject and toEqual). */
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

/** expect.objectContaining, typed to stand for any object it matches. */
export const containing = (fields: Record<string, unknown>): never => expect.objectContaining(fields) as never;
