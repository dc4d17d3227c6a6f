/**
 * The living programme: planned as of a day, fixed visits never moved, re-plans that move as few
 * as they can, triage, follow-ups, deferral and cancellation, two pools, capacity less bank
 * holidays and leave, notice by provision type. Pure: the stored visits are an in-memory list.
 */
import { describe, expect, it } from 'vitest';
import type { Visit } from '../../../shared/domain/types';
import { defaultPolicy, type Policy } from '../../../shared/prioritise/policy';
import { buildProgramme, type PrioritiseInputs, type Programme } from '../../../shared/prioritise/programme';
import { applyVisitWrites, visitWrites } from '../../../shared/prioritise/visit-writes';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';
import { aVisit, containing, inputs, la, matching, signal, withPool } from './support';

/** Plan, then store what the programme writes, as the re-plan use case does. */
function run(data: PrioritiseInputs, policy: Policy, asOf: string): { programme: Programme; visits: Visit[] } {
  const programme = buildProgramme(data, policy, asOf);
  return { programme, visits: applyVisitWrites(data.visits, visitWrites(programme, data.visits, policy)) };
}

const homes = (n: number, grade: 'inadequate' | 'requires-improvement' | 'good' = 'requires-improvement', from = 0) =>
  Array.from({ length: n }, (_, i) =>
    provider(`H${String(i + from).padStart(3, '0')}`, { latestFullInspection: inspection(`H${i + from}`, `2019-0${(i % 8) + 1}-01`, grade) }),
  );

/** Provider visits in the North West only, `perWeek` a week, no reserve; the LA pool empty. */
const northWest = (perWeek: number, over: { from?: string; to?: string; reservedForUrgent?: number } = {}): Policy =>
  withPool(withPool(defaultPolicy(), 'provider', { capacity: { 'North West': perWeek }, leave: [], reservedForUrgent: 0, ...over }), 'la', { capacity: {} });

describe('planning as of a day', () => {
  it('shows its as-of date, plans only weeks from that day on, and gives full notice to every new visit', () => {
    const { programme } = run(inputs({ providers: homes(40) }), northWest(4), '2020-10-14');
    expect(programme.asOf).toBe('2020-10-14');
    expect(programme.planned.length).toBeGreaterThan(0);
    for (const v of programme.planned) {
      expect(v.week > '2020-10-14').toBe(true);
      expect(v.noticeDate >= '2020-10-14').toBe(true);
    }
  });

  it('counts a signal from the day it is received: a home with three new serious concerns in October is planned', () => {
    const target = provider('NEW', { latestFullInspection: inspection('NEW', '2019-11-01', 'good'), places: 4 });
    const concerns = [
      signal('w', 'whistleblowing', '2020-10-12', { urn: 'NEW' }, { severity: 3 }),
      signal('s', 'safeguarding-concern', '2020-10-13', { urn: 'NEW' }, { severity: 3 }),
      signal('e', 'serious-event', '2020-10-13', { urn: 'NEW' }, { severity: 3 }),
    ];
    const data = inputs({ providers: [...homes(100, 'inadequate'), target], signals: concerns });
    const before = run(data, northWest(3), '2020-10-09');
    expect(before.programme.planned.map((v) => v.target)).not.toContain('NEW');
    const after = run({ ...data, visits: before.visits }, northWest(3), '2020-10-14');
    const visit = after.programme.planned.find((v) => v.target === 'NEW');
    // The week of 19 October is fixed (its inspectors were told on 12 October): the next one.
    expect(visit?.week).toBe('2020-10-26');
    expect(visit?.reasons[0]).toMatch(/^Triage: new intelligence lifted the score from \d+ to \d+ \(threshold 80\)/);
  });

  it('says so when the window has ended', () => {
    const { programme } = run(inputs({ providers: homes(2) }), northWest(4), '2021-06-01');
    expect(programme.planned).toEqual([]);
    expect(programme.unplanned.every((u) => /window ended/.test(u.why))).toBe(true);
  });
});

describe('what is fixed stays fixed', () => {
  const fixedVisits: Visit[] = [
    aVisit({ visitId: 'v-notified', target: 'H000', week: '2020-10-26', noticeDate: '2020-10-19', status: 'notified' }),
    aVisit({ visitId: 'v-started', target: 'H001', week: '2020-10-19', noticeDate: '2020-10-12', status: 'in-progress' }),
    aVisit({ visitId: 'v-findings', target: 'H002', week: '2020-10-12', noticeDate: '2020-10-05', status: 'findings-received', visitedOn: '2020-10-14' }),
    aVisit({ visitId: 'v-told', target: 'H003', week: '2020-10-26', noticeDate: '2020-10-16', status: 'planned' }),
    aVisit({ visitId: 'v-past', target: 'H004', week: '2020-10-05', noticeDate: '2020-09-28', status: 'planned' }),
  ];

  it('never moves or drops a visit notified, in progress, with findings, with its notice date reached or in a past week', () => {
    // No capacity at all: only the fixed visits can be in the programme.
    const { programme } = run(inputs({ providers: homes(10), visits: fixedVisits }), northWest(0), '2020-10-20');
    for (const v of fixedVisits) {
      const now = programme.planned.find((p) => p.visitId === v.visitId);
      expect(now?.week).toBe(v.week);
      expect(now?.fixed).toBeTruthy();
    }
    expect(programme.changes).toEqual({ moved: [], added: [], dropped: [] });
    // Fixed visits count against capacity even when it is exceeded.
    expect(programme.capacity.find((c) => c.pool === 'provider' && c.region === 'North West' && c.week === '2020-10-26')?.used).toBe(2);
  });

  it('marks a planned visit notified once its notice date is reached (for an unannounced visit: the inspector told)', () => {
    const { programme, visits } = run(inputs({ providers: homes(10), visits: fixedVisits }), northWest(0), '2020-10-20');
    expect(programme.planned.find((v) => v.visitId === 'v-told')).toMatchObject({ status: 'notified', fixed: 'Inspector told (16/10/2020)' });
    expect(visits.find((v) => v.visitId === 'v-told')?.status).toBe('notified');
    expect(visits.find((v) => v.visitId === 'v-findings')?.status).toBe('findings-received');
  });
});

describe('re-planning moves as few visits as it can', () => {
  const data = inputs({ providers: homes(30) });
  /** Eight weeks from 5 October (inspectors are told five working days ahead, from tomorrow on) at three a week: room for 24 of the 30. */
  const short = northWest(3, { to: '2020-11-27' });

  it('moves nothing, adds nothing and drops nothing when nothing new came in', () => {
    const first = run(data, northWest(3), '2020-09-21');
    expect(first.programme.changes.added.length).toBe(first.programme.planned.length);
    const again = run({ ...data, visits: first.visits }, northWest(3), '2020-09-21');
    expect(again.programme.changes).toEqual({ moved: [], added: [], dropped: [] });
    const nextDay = run({ ...data, visits: first.visits }, northWest(3), '2020-09-22');
    expect(nextDay.programme.changes.moved).toEqual([]);
    for (const v of nextDay.programme.planned) expect(v.week).toBe(first.programme.planned.find((p) => p.visitId === v.visitId)!.week);
  });

  it('lets a higher-priority newcomer take the lowest-priority place: one added, one dropped, none moved, each with why', () => {
    const first = run(data, short, '2020-09-21');
    expect(first.programme.planned).toHaveLength(24);
    const newcomer = provider('ZZZ', { latestFullInspection: inspection('ZZZ', '2018-01-01', 'inadequate') });
    const second = run({ ...data, providers: [...data.providers, newcomer], visits: first.visits }, short, '2020-09-21');
    expect(second.programme.changes.moved).toEqual([]);
    expect(second.programme.changes.added).toEqual([containing({ target: 'ZZZ', why: matching(/^Score \d+/) })]);
    expect(second.programme.changes.dropped).toHaveLength(1);
    expect(second.programme.changes.dropped[0]!.why).toMatch(/No inspector capacity left in North West/);
    expect(second.visits.find((v) => v.visitId === second.programme.changes.dropped[0]!.visitId)?.status).toBe('dropped');
  });
});

describe('triage', () => {
  const concerns = (urn: string, date: string) => [
    signal(`${urn}-w`, 'whistleblowing', date, { urn }, { severity: 3 }),
    signal(`${urn}-s`, 'safeguarding-concern', date, { urn }, { severity: 3 }),
  ];
  const quiet = provider('QUIET', { latestFullInspection: inspection('QUIET', '2020-01-10', 'good'), places: 2 });

  it('opens a record and plans a visit within 10 working days, displacing the lowest-priority visit not fixed, listed with where it went', () => {
    const data = inputs({ providers: [...homes(100), quiet] });
    // Planned on Friday 2 October: from the week of 12 October (its inspectors told on Monday 5 October).
    const first = run(data, northWest(3), '2020-10-02');
    const second = run({ ...data, signals: concerns('QUIET', '2020-10-06'), visits: first.visits }, northWest(3), '2020-10-06');
    const [record] = second.programme.triage;
    expect(record).toMatchObject({ target: 'QUIET', openedOn: '2020-10-06', dueBy: '2020-10-20', outcome: 'planned', week: '2020-10-19' });
    expect(record!.scoreBefore).toBeLessThan(80);
    expect(record!.score).toBeGreaterThanOrEqual(80);
    expect(record!.because).toEqual(['Safeguarding concern, severity 3, received 06/10/2020', 'Whistleblowing concern, severity 3, received 06/10/2020']);
    const displaced = [...second.programme.changes.moved, ...second.programme.changes.dropped].filter((c) => c.displacedBy === 'QUIET');
    expect(displaced).toEqual([containing({ from: '2020-10-19', why: 'Its week was given to a triage visit to Home QUIET' })]);
    expect(second.programme.noSlot).toBe(0);
    // The same day again: the triage visit is where it was put, and nothing moves.
    const again = run({ ...data, signals: concerns('QUIET', '2020-10-06'), visits: second.visits }, northWest(3), '2020-10-06');
    expect(again.programme.triage).toEqual(second.programme.triage);
    expect(again.programme.changes).toEqual({ moved: [], added: [], dropped: [] });
    // The next day its inspector has been told: the record stays, its visit fixed.
    const nextDay = run({ ...data, signals: concerns('QUIET', '2020-10-06'), visits: again.visits }, northWest(3), '2020-10-13');
    expect(nextDay.programme.triage).toEqual([containing({ target: 'QUIET', outcome: 'already-fixed', week: '2020-10-19' })]);
  });

  it('says there is no slot when every week in time is taken by fixed visits', () => {
    const fixed = ['2020-10-12', '2020-10-19'].flatMap((week) =>
      [0, 1].map((i) => aVisit({ visitId: `v-${week}-${i}`, target: `F${week}${i}`, week, noticeDate: '2020-10-05', status: 'notified' })),
    );
    const { programme } = run(inputs({ providers: [quiet], signals: concerns('QUIET', '2020-10-06'), visits: fixed }), northWest(2), '2020-10-06');
    expect(programme.triage).toHaveLength(1);
    expect(programme.triage[0]!.outcome).toBe('planned-late');
    expect(programme.triage[0]!.why).toMatch(/no room in time/);
    expect(programme.noSlot).toBe(1);
  });

  it('leaves the reserve held back for urgent visits to triage: ordinary visits never fill it', () => {
    const policy = northWest(10, { reservedForUrgent: 0.2 });
    const { programme } = run(inputs({ providers: homes(400) }), policy, '2020-10-05');
    for (const c of programme.capacity.filter((x) => x.pool === 'provider' && x.region === 'North West'))
      expect(c.used).toBeLessThanOrEqual(c.capacity - c.reserved);
  });
});

describe('follow-up visits', () => {
  it('plans a follow-up 6 to 8 weeks after serious concerns recorded at a visit, overriding the minimum gap, with its reason', () => {
    const visited = aVisit({
      visitId: 'v-found',
      target: 'H000',
      week: '2020-09-14',
      noticeDate: '2020-09-07',
      status: 'findings-received',
      visitedOn: '2020-09-16',
    });
    // Homes judged good: the concerns do not lift the score to the urgency threshold (that would be triage).
    const data = inputs({
      providers: homes(20, 'good'),
      visits: [visited],
      findings: [{ visitId: 'v-found', version: 1, seriousConcerns: true, visitEndDate: '2020-09-16' }],
    });
    const { programme } = run(data, northWest(3), '2020-09-21');
    expect(programme.triage).toEqual([]);
    const followUp = programme.planned.find((v) => v.target === 'H000' && !v.fixed);
    expect(followUp?.week).toBe('2020-10-26');
    expect(followUp?.reasons[0]).toBe('Follow-up: serious concerns recorded at a visit (16/09/2020); due 6 to 8 weeks later, 28/10/2020 to 11/11/2020');
    expect(followUp?.reasons).toContain('Overrides the minimum gap of 180 days since the last visit (16/09/2020)');
  });

  it('forgets serious concerns an amendment withdrew', () => {
    const visited = aVisit({
      visitId: 'v-found',
      target: 'H000',
      week: '2020-09-14',
      noticeDate: '2020-09-07',
      status: 'findings-received',
      visitedOn: '2020-09-16',
    });
    const findings = [
      { visitId: 'v-found', version: 1, seriousConcerns: true, visitEndDate: '2020-09-16' },
      { visitId: 'v-found', version: 2, seriousConcerns: false, visitEndDate: '2020-09-16' },
    ];
    const { programme } = run(inputs({ providers: homes(20), visits: [visited], findings }), northWest(3), '2020-09-21');
    // Only the minimum gap applies: 180 days after 16 September is 15 March 2021.
    const next = programme.planned.find((v) => v.target === 'H000' && !v.fixed);
    expect(next?.week).toBe('2021-03-15');
    expect(next?.reasons.some((r) => r.startsWith('Follow-up'))).toBe(false);
  });

  it('checks a compliance notice within 5 working days after its due date', () => {
    const notice = signal('cn', 'enforcement-action', '2020-09-01', { urn: 'H005' }, { dueDate: '2020-11-04', summary: 'Compliance notice: staffing' });
    const { programme } = run(inputs({ providers: homes(20), signals: [notice] }), northWest(3), '2020-09-21');
    const visit = programme.planned.find((v) => v.target === 'H005');
    expect(visit?.week).toBe('2020-11-02');
    expect(visit?.reasons[0]).toBe(
      'Follow-up: check of a compliance notice due 04/11/2020: Compliance notice: staffing; within 5 working days after, by 11/11/2020',
    );
  });
});

describe('deferred and cancelled visits', () => {
  it('plans a deferred visit again from its earliest new date, keeping the reason', () => {
    const first = run(inputs({ providers: homes(5) }), northWest(3), '2020-09-21');
    const target = first.visits[0]!;
    const deferred: Visit = { ...target, status: 'deferred', deferral: { on: '2020-09-21', until: '2020-11-18', reason: 'Local lockdown' } };
    const visits = first.visits.map((v) => (v.visitId === target.visitId ? deferred : v));
    const second = run(inputs({ providers: homes(5), visits }), northWest(3), '2020-09-21');
    const again = second.programme.planned.find((v) => v.visitId === target.visitId);
    expect(again?.week).toBe('2020-11-23');
    expect(again?.reasons).toContain('Deferred (21/09/2020) until 18/11/2020: Local lockdown');
    expect(second.programme.changes.moved).toEqual([
      containing({ visitId: target.visitId, from: target.week, to: '2020-11-23', why: 'Deferred until 18/11/2020: Local lockdown' }),
    ]);
    expect(second.visits.find((v) => v.visitId === target.visitId)).toMatchObject({ status: 'planned', deferral: deferred.deferral });
  });

  it('does not plan a cancelled visit again, and says why', () => {
    const cancelled = aVisit({
      visitId: 'v-x',
      target: 'H000',
      week: '2020-10-05',
      noticeDate: '2020-09-28',
      status: 'cancelled',
      cancellation: { on: '2020-09-20', reason: 'Home closing' },
    });
    const { programme } = run(inputs({ providers: homes(3), visits: [cancelled] }), northWest(3), '2020-09-21');
    expect(programme.planned.map((v) => v.target)).not.toContain('H000');
    expect(programme.unplanned.find((u) => u.target === 'H000')?.why).toBe('Visit cancelled (20/09/2020): Home closing');
  });
});

describe('two pools of inspectors', () => {
  it('plans LA visits (HMI) and provider visits against their own capacity and window', () => {
    let policy = withPool(defaultPolicy(), 'la', { capacity: { London: 4 }, leave: [] });
    policy = withPool(policy, 'provider', { capacity: { London: 1 }, leave: [], reservedForUrgent: 0 });
    const las = Array.from({ length: 30 }, (_, i) => la(`LA${String(i).padStart(2, '0')}`, 'London', 'inadequate'));
    const providers = homes(60).map((p) => ({ ...p, region: 'London' as const }));
    const { programme } = run(inputs({ laOutcomes: las, providers }), policy, '2020-08-24');
    const laVisits = programme.planned.filter((v) => v.kind === 'la');
    const providerVisits = programme.planned.filter((v) => v.kind === 'provider');
    expect(laVisits.every((v) => v.pool === 'la' && v.week <= '2020-12-28')).toBe(true);
    expect(providerVisits.every((v) => v.pool === 'provider')).toBe(true);
    expect(providerVisits.some((v) => v.week >= '2021-01-04')).toBe(true);
    for (const c of programme.capacity) expect(c.used).toBeLessThanOrEqual(c.capacity);
    expect(new Set(programme.capacity.filter((c) => c.pool === 'la').map((c) => c.week)).has('2021-01-04')).toBe(false);
  });

  it('takes bank holidays and named leave off the week', () => {
    const { programme } = run(inputs(), defaultPolicy(), '2020-08-24');
    const cell = (week: string) => programme.capacity.find((c) => c.pool === 'provider' && c.region === 'North West' && c.week === week)!;
    expect(cell('2020-09-07')).toMatchObject({ capacity: 24 });
    expect(programme.capacity.find((c) => c.pool === 'provider' && c.week === '2021-04-05')).toBeUndefined(); // after the provider window
    expect(cell('2020-12-21')).toMatchObject({ capacity: 0, note: matching(/Christmas Day \(25\/12\/2020\).*Christmas leave/) });
    expect(cell('2021-03-22')).toMatchObject({ capacity: 24 });
    expect(cell('2021-03-29')).toMatchObject({ capacity: 19, note: 'Good Friday (02/04/2021)' });
    expect(cell('2020-10-26')).toMatchObject({ capacity: 18, note: 'October half-term leave (25% of inspectors)' });
  });

  it('adds the policy’s extra bank holidays', () => {
    const policy = { ...defaultPolicy(), calendar: { extraBankHolidays: [{ date: '2020-09-08', title: 'Extra day' }] } };
    const { programme } = run(inputs(), policy, '2020-08-24');
    expect(programme.capacity.find((c) => c.pool === 'provider' && c.region === 'North West' && c.week === '2020-09-07')).toMatchObject({
      capacity: 19,
      note: 'Extra day (08/09/2020)',
    });
  });
});

describe('notice by provision type', () => {
  it("visits children's homes unannounced (the inspector is told) and gives LAs and agencies working days' notice", () => {
    const agency = provider('IFA', { provisionType: 'Independent Fostering Agency', latestFullInspection: inspection('IFA', '2016-01-01', 'inadequate') });
    const home = provider('HOME', { latestFullInspection: inspection('HOME', '2018-01-01', 'inadequate') });
    let policy = withPool(defaultPolicy(), 'provider', { capacity: { 'North West': 10 } });
    policy = { ...policy, notice: { ...policy.notice, byProvisionType: { 'Independent Fostering Agency': 10 } } };
    const { programme } = run(inputs({ providers: [agency, home], laOutcomes: [la('Testshire', 'North West', 'inadequate')] }), policy, '2020-08-17');
    const of = (t: string) => programme.planned.find((v) => v.target === t)!;
    // 31 August 2020 is a bank holiday: five working days before Monday 7 September is Friday 28 August.
    expect(of('HOME')).toMatchObject({ week: '2020-09-07', unannounced: true, noticeDate: '2020-08-28' });
    expect(of('Testshire')).toMatchObject({ week: '2020-09-07', unannounced: false, noticeDate: '2020-08-28' });
    expect(of('IFA')).toMatchObject({ week: '2020-09-07', unannounced: false, noticeDate: '2020-08-21' });
  });
});
