/**
 * The use cases with in-memory ports: deferring and cancelling a visit, the re-plan (what it
 * writes, in which order, and that an unchanged programme writes nothing), what a re-plan writes
 * to stored visits, and the reminders that skip deferred and cancelled visits.
 */
import { describe, expect, it } from 'vitest';
import { limits } from '../../../infra/catalogue';
import { overdueVisits } from '../../../shared/notify/digest-rules';
import type { Visit, VisitStatus } from '../../../shared/domain/types';
import { cancelVisit, deferVisit, type VisitLifecyclePorts } from '../../../shared/prioritise/lifecycle';
import { defaultPolicy } from '../../../shared/prioritise/policy';
import { buildProgramme, type PrioritiseInputs } from '../../../shared/prioritise/programme';
import { replan, type CurrentProgramme, type ProgrammePorts, type ProgrammeRecord } from '../../../shared/prioritise/replan';
import { applyVisitWrites, visitWrites, type VisitWrite } from '../../../shared/prioritise/visit-writes';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';
import { aVisit, containing, inputs, matching } from './support';

function memoryVisits(visits: Visit[]): VisitLifecyclePorts & { visits: Map<string, Visit> } {
  const store = new Map(visits.map((v) => [v.visitId, v]));
  return {
    visits: store,
    getVisit: async (id) => store.get(id),
    saveVisit: async (visit, expected) => {
      if (store.get(visit.visitId)?.status !== expected) return false;
      store.set(visit.visitId, visit);
      return true;
    },
  };
}

const planned = aVisit({ visitId: 'v-1', target: 'SC1', week: '2020-10-19', noticeDate: '2020-10-12' });

describe('deferring a visit', () => {
  it('stores the reason and the earliest new date, and says when it is planned again', async () => {
    const ports = memoryVisits([planned]);
    const out = await deferVisit(ports, 'v-1', { until: '2020-11-02', reason: '  Local lockdown in Testshire ', today: '2020-10-05' });
    expect(out).toMatchObject({ ok: true, previousStatus: 'planned', next: matching(/planned again from 02\/11\/2020/) });
    expect(ports.visits.get('v-1')).toMatchObject({
      status: 'deferred',
      deferral: { on: '2020-10-05', until: '2020-11-02', reason: 'Local lockdown in Testshire' },
    });
  });

  it('refuses a date that is not after today, a missing or hidden-character reason, and a visit with findings', async () => {
    const ports = memoryVisits([planned, aVisit({ visitId: 'v-2', target: 'SC2', week: '2020-09-14', noticeDate: '2020-09-07', status: 'findings-received' })]);
    expect(await deferVisit(ports, 'v-1', { until: '2020-10-05', reason: 'x', today: '2020-10-05' })).toMatchObject({
      ok: false,
      code: 'bad-input',
      problem: matching(/--until must be after today \(05\/10\/2020\)/),
    });
    expect(await deferVisit(ports, 'v-1', { until: '2020-11-02', reason: '   ', today: '2020-10-05' })).toMatchObject({
      ok: false,
      problem: matching(/^Give a reason/),
    });
    expect(await deferVisit(ports, 'v-1', { until: '2020-11-02', reason: 'Lock\u202Edown', today: '2020-10-05' })).toMatchObject({
      ok: false,
      problem: matching(/text-direction override \(U\+202E\) at position 5/),
    });
    expect(await deferVisit(ports, 'v-2', { until: '2020-11-02', reason: 'Late', today: '2020-10-05' })).toMatchObject({
      ok: false,
      code: 'not-allowed',
      problem: matching(/is findings-received: only a visit that is planned, notified, deferred can be deferred/),
    });
    expect(await deferVisit(ports, 'v-404', { until: '2020-11-02', reason: 'x', today: '2020-10-05' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(ports.visits.get('v-1')!.status).toBe('planned');
  });

  it('never overwrites a change made meanwhile (findings arriving while ops defer)', async () => {
    const ports = memoryVisits([planned]);
    const racing: VisitLifecyclePorts = {
      getVisit: (id) => ports.getVisit(id),
      saveVisit: async (visit, expected) => {
        ports.visits.set('v-1', { ...planned, status: 'findings-received' });
        return ports.saveVisit(visit, expected);
      },
    };
    expect(await deferVisit(racing, 'v-1', { until: '2020-11-02', reason: 'x', today: '2020-10-05' })).toMatchObject({ ok: false, code: 'changed' });
    expect(ports.visits.get('v-1')!.status).toBe('findings-received');
  });
});

describe('cancelling a visit', () => {
  it('stores the reason; a visit in progress cannot be cancelled', async () => {
    const ports = memoryVisits([planned, aVisit({ visitId: 'v-3', target: 'SC3', week: '2020-10-12', noticeDate: '2020-10-05', status: 'in-progress' })]);
    expect(await cancelVisit(ports, 'v-1', { reason: 'Home closed', today: '2020-10-05' })).toMatchObject({
      ok: true,
      visit: { status: 'cancelled', cancellation: { on: '2020-10-05', reason: 'Home closed' } },
    });
    expect(await cancelVisit(ports, 'v-3', { reason: 'x', today: '2020-10-05' })).toMatchObject({ ok: false, code: 'not-allowed' });
  });
});

describe('the reminders', () => {
  it('remind about planned, notified and started visits with no findings, never deferred, cancelled or dropped ones', () => {
    const statuses: VisitStatus[] = ['planned', 'notified', 'in-progress', 'deferred', 'cancelled', 'dropped', 'findings-received', 'published'];
    const visits = statuses.map((status, i) => aVisit({ visitId: `v-${status}`, target: `SC${i}`, week: '2020-09-07', noticeDate: '2020-09-02', status }));
    const due = overdueVisits(visits, new Date('2020-10-01T08:00:00Z'), limits.reminderAfterDays).map((o) => o.visit.status);
    expect(due.sort()).toEqual(['in-progress', 'notified', 'planned']);
  });
});

describe('what a re-plan writes to the stored visits', () => {
  const data: PrioritiseInputs = inputs({
    providers: Array.from({ length: 6 }, (_, i) => provider(`P${i}`, { latestFullInspection: inspection(`P${i}`, '2018-01-01', 'inadequate') })),
  });

  it('writes new visits on condition they do not exist yet, with the regional mailbox from the policy', () => {
    const p = buildProgramme(data, defaultPolicy(), '2020-09-21');
    const writes = visitWrites(p, [], defaultPolicy());
    expect(writes).toHaveLength(6);
    for (const w of writes) {
      expect(w.expectedStatus).toBeUndefined();
      expect(w.indexed).toBe(true);
      expect(w.visit.inspector).toBe('north-west.inspectors@inspectorate.example.gov.uk');
    }
  });

  it('writes nothing when the stored visits already say what the programme says', () => {
    const p = buildProgramme(data, defaultPolicy(), '2020-09-21');
    const stored = applyVisitWrites([], visitWrites(p, [], defaultPolicy()));
    const again = buildProgramme({ ...data, visits: stored }, defaultPolicy(), '2020-09-21');
    expect(visitWrites(again, stored, defaultPolicy())).toEqual([]);
  });

  it('takes a dropped visit off the week, region and LA indexes, on condition it is still planned', () => {
    const stored = [aVisit({ visitId: 'v-gone', target: 'GONE', week: '2020-11-02', noticeDate: '2020-10-26' })];
    const p = buildProgramme({ ...data, visits: stored }, defaultPolicy(), '2020-09-21');
    expect(p.changes.dropped).toEqual([containing({ visitId: 'v-gone', why: 'No longer in the data' })]);
    expect(visitWrites(p, stored, defaultPolicy()).find((w) => w.visit.visitId === 'v-gone')).toEqual({
      visit: { ...stored[0], status: 'dropped' },
      expectedStatus: 'planned',
      indexed: false,
    });
  });
});

describe('the re-plan use case', () => {
  function memoryPorts(initial: PrioritiseInputs) {
    const calls: string[] = [];
    let visits = [...initial.visits];
    let current: CurrentProgramme | undefined;
    const ports: ProgrammePorts = {
      loadInputs: async () => ({ ...initial, visits }),
      policyInForce: async () => defaultPolicy(),
      currentProgramme: async () => current,
      writeVisits: async (writes: readonly VisitWrite[]) => {
        calls.push(`visits:${writes.length}`);
        visits = applyVisitWrites(visits, writes);
        return { written: writes.length, conflicts: [] };
      },
      publish: async (id, files) =>
        void calls.push(
          `publish:${id}:${files
            .map((f) => f.name)
            .filter((n) => !n.startsWith('region-'))
            .join(',')}`,
        ),
      recordProgramme: async (r: ProgrammeRecord) => {
        calls.push(`record:${r.programmeId}`);
        current = { programmeId: r.programmeId, digest: r.digest, asOf: r.asOf, computedAt: 'now' };
      },
    };
    return { ports, calls };
  }

  it('writes the visits, then publishes the files, then makes it current; the same day again writes nothing', async () => {
    const data = inputs({ providers: [provider('P1', { latestFullInspection: inspection('P1', '2018-01-01', 'inadequate') })] });
    const { ports, calls } = memoryPorts(data);
    const { result } = await replan(ports, { asOf: '2020-09-21', pageSize: 100 });
    expect(result).toMatchObject({ changed: true, asOf: '2020-09-21', planned: 1, added: 1, moved: 0, dropped: 0, written: 1 });
    expect(calls).toEqual([
      'visits:1',
      `publish:${result.programmeId}:programme.json,programme.csv,index.html,transparency.html,govuk-frontend.min.css,programme.css`,
      `record:${result.programmeId}`,
    ]);
    const again = await replan(ports, { asOf: '2020-09-21', pageSize: 100 });
    expect(again.result).toMatchObject({ changed: false, programmeId: result.programmeId, written: 0 });
    expect(calls).toHaveLength(3);
  });
});
