/**
 * Four weeks of the 2020 season on the emulators, on a local cloud of its own (its clock set to
 * each Monday in turn): the real provider file and the synthetic LA outcomes and intelligence
 * imported through S3, then each week visits are done (findings through the real pre-signed POST,
 * some recording serious concerns), new signals arrive (an intelligence CSV), ops defer a visit,
 * and the nightly schedule re-plans. After every night: fixed visits have not moved, no pool,
 * region or week is over capacity, nothing was planned into a past week, follow-ups are inside
 * their window and triage visits in time, and a second run the same night changes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixes } from '../../infra/catalogue';
import type { LocalCloud } from '../../infra/local/cloud';
import { dynamoClient } from '../../shared/aws/clients';
import { currentProgramme, loadPrioritiseInputs, readProgrammeJson, visitLifecyclePorts } from '../../shared/aws/programme-store';
import { addDays, mondayOf } from '../../shared/domain/calendar';
import type { IntelligenceSignal, Visit } from '../../shared/domain/types';
import { keys } from '../../shared/keys';
import { weekInWindow } from '../../shared/prioritise/follow-up';
import { deferVisit } from '../../shared/prioritise/lifecycle';
import type { Programme } from '../../shared/prioritise/programme';
import { fixedBecause } from '../../shared/prioritise/visit-state';
import { putObject, uniqueKey } from '../support/cloud';
import { validFindings } from '../support/fixtures';
import { startOwnCloud, type OwnCloud } from '../support/own-cloud';
import { issueUpload } from '../support/publication';
import { postFindings } from '../support/submit';

const root = resolve(import.meta.dirname, '..', '..');
let own: OwnCloud;
let cloud: LocalCloud;

async function idle(): Promise<void> {
  await cloud.idle();
}

async function importFile(name: string, body: string | Buffer): Promise<void> {
  await putObject(cloud.endpoints.buckets.imports, uniqueKey(prefixes.imports, name), body);
  await idle();
}

async function storedVisits(): Promise<readonly Visit[]> {
  return (await loadPrioritiseInputs()).visits;
}

async function current(): Promise<Programme> {
  const pointer = await currentProgramme();
  return (await readProgrammeJson(pointer!.programmeId))!;
}

/** Findings for a visit, through the real pre-signed POST, as the inspector's page issues and sends them. */
async function visitDone(v: Visit, serious: boolean): Promise<void> {
  const { post } = await issueUpload(cloud.endpoints, v);
  const findings = validFindings(v, {
    visitStartDate: addDays(v.week, 1),
    visitEndDate: addDays(v.week, 2),
    ...(serious
      ? {
          seriousConcerns: true,
          seriousConcernsDescription: 'Children are not safe at night: staffing falls below the plan.',
          enforcementAction: v.kind === 'provider' ? 'compliance-notice' : 'none',
        }
      : {}),
  });
  const res = await postFindings(post, JSON.stringify(findings));
  expect(res.status).toBeLessThan(300);
}

/** The night: the schedule at 02:00 of the day, then the invariants, then the same night again. */
async function night(day: string, before: readonly Visit[]): Promise<Programme> {
  cloud.clock.set(`${day}T02:00:00Z`);
  await cloud.runSchedule('nightlyPrioritise');
  await idle();
  const p = await current();
  expect(p.asOf).toBe(day);
  const after = await storedVisits();
  for (const v of before.filter((x) => fixedBecause(x, day))) expect(after.find((x) => x.visitId === v.visitId)?.week, v.visitId).toBe(v.week);
  for (const c of p.capacity) expect(c.used, `${c.pool} ${c.region} ${c.week}`).toBeLessThanOrEqual(c.capacity);
  for (const c of [...p.changes.added, ...p.changes.moved]) expect(c.to! >= mondayOf(addDays(day, 1))).toBe(true);
  for (const v of p.planned.filter((x) => !x.fixed)) {
    expect(v.noticeDate > day).toBe(true);
    expect(v.late || !v.followUp || weekInWindow(v.week, v.followUp)).toBe(true);
    expect(v.late || !v.dueBy || v.week <= v.dueBy).toBe(true);
  }
  const digest = (await currentProgramme())!.digest;
  await cloud.runSchedule('nightlyPrioritise');
  await idle();
  expect((await currentProgramme())!.digest).toBe(digest);
  return p;
}

beforeAll(async () => {
  own = await startOwnCloud('season');
  cloud = own.cloud;
  cloud.clock.set('2020-08-24T01:00:00Z');
  for (const file of ['samples/ofsted/providers-as-at-2018-03-31.csv', 'samples/la-outcomes.synthetic.csv', 'samples/intelligence.synthetic.csv']) {
    await importFile(file.split('/').pop()!, readFileSync(resolve(root, file)));
  }
}, 600_000);

afterAll(async () => {
  await own?.stop();
});

// Each night re-plans the whole country two or three times: generous time on a shared machine.
describe('four weeks of the season, re-planned every night', { timeout: 600_000 }, () => {
  let deferred: Visit;
  let serious: Visit;
  let triageUrn: string;
  let later: Visit;

  it('24 August: plans the season, LAs and providers in their own pools', async () => {
    const p = await night('2020-08-24', await storedVisits());
    expect(p.planned.some((v) => v.pool === 'la')).toBe(true);
    expect(p.planned.some((v) => v.pool === 'provider')).toBe(true);
    expect(p.changes.added.length).toBeGreaterThan(0);
  });

  it('31 August: signals received during the week change the programme, each change with its reason', async () => {
    const p = await night('2020-08-31', await storedVisits());
    for (const c of [...p.changes.moved, ...p.changes.added, ...p.changes.dropped]) expect(c.why).toMatch(/\w/);
  });

  it('7 September: a visit deferred by ops is planned again from its earliest new date', async () => {
    const before = await storedVisits();
    deferred = before.find((v) => v.status === 'planned' && v.kind === 'provider' && !fixedBecause(v, '2020-09-07') && v.week < '2020-10-19')!;
    expect(deferred).toBeDefined();
    const out = await deferVisit(visitLifecyclePorts, deferred.visitId, { until: '2020-10-21', reason: 'Local restrictions in the area', today: '2020-09-07' });
    expect(out.ok).toBe(true);
    await night('2020-09-07', before);
    const again = (await storedVisits()).find((v) => v.visitId === deferred.visitId)!;
    expect(again).toMatchObject({ status: 'planned', deferral: { until: '2020-10-21', reason: 'Local restrictions in the area' } });
    expect(again.week >= '2020-10-26').toBe(true);
  });

  it('14 September: visits done, one with serious concerns (a follow-up 6 to 8 weeks on), and a compliance notice checked after its due date', async () => {
    const before = await storedVisits();
    const done = before.filter((v) => v.week === '2020-09-07' && v.kind === 'provider' && v.status === 'notified').sort((a, b) => b.score - a.score);
    // The highest-scoring visit is over the urgency threshold already: its serious concerns cannot open a triage, so a follow-up is planned.
    serious = done[0]!;
    expect(serious.score).toBeGreaterThanOrEqual(80);
    cloud.clock.set('2020-09-14T01:00:00Z');
    const lastNight = (await current()).asOf;
    // Findings with no serious concerns change nothing in the plan until the night ...
    for (const v of done.slice(1, 3)) await visitDone(v, false);
    await idle();
    expect((await current()).asOf).toBe(lastNight);
    // ... findings with serious concerns re-plan at once (the submission's PublicationChanged event).
    await visitDone(serious, true);
    await idle();
    expect((await current()).asOf).toBe('2020-09-14');
    const notice = before.find((v) => v.kind === 'provider' && v.status === 'planned' && v.week > '2020-11-30')!;
    // A compliance notice issued in August, due on 7 October (stored as an import of the intelligence file's Due date column stores it).
    const signal: IntelligenceSignal = {
      signalId: 'SIM-CN-1',
      type: 'enforcement-action',
      date: '2020-08-03',
      urn: notice.target,
      severity: 2,
      open: true,
      dueDate: '2020-10-07',
      summary: 'Compliance notice: staffing',
    };
    await dynamoClient().send(
      new PutCommand({ TableName: cloud.endpoints.table, Item: { ...keys.signal(signal, signal.date, signal.signalId), entity: 'signal', ...signal } }),
    );
    const p = await night('2020-09-14', before);
    const followUp = p.planned.find((v) => v.target === serious.target && !v.fixed);
    expect(followUp?.reasons[0]).toMatch(/^Follow-up: serious concerns recorded at a visit \(09\/09\/2020\)/);
    expect(weekInWindow(followUp!.week, followUp!.followUp!)).toBe(true);
    const check = p.planned.find((v) => v.target === notice.target);
    expect(check?.reasons[0]).toMatch(/^Follow-up: check of a compliance notice due 07\/10\/2020/);
    // Due Wednesday 7 October, checked within 5 working days after: the week of 5 or of 12 October (the first with room).
    expect(['2020-10-05', '2020-10-12']).toContain(check?.week);
    const visited = (await storedVisits()).find((v) => v.visitId === serious.visitId)!;
    expect(visited.week).toBe('2020-09-07');
    expect(visited.status).toMatch(/^(findings-received|published)$/);
  });

  it('21 September: three serious concerns about a home not in the programme open a triage, planned within 10 working days', async () => {
    const before = await storedVisits();
    // A small home (the same concerns weigh more in a small setting) planned for next year.
    const small = new Set((await loadPrioritiseInputs()).providers.filter((x) => x.status === 'open' && x.places && x.places <= 4).map((x) => x.urn));
    later = before.find((v) => small.has(v.target) && v.status === 'planned' && v.week >= '2021-01-04' && v.score >= 30 && v.score < 70)!;
    triageUrn = later.target;
    const csv = [
      'Signal ID,Date,URN,Local authority,Type,Severity,Status,Summary,Source',
      `SIM-T-1,21/09/2020,${triageUrn},,whistleblowing,3,,Night staff asleep on duty,Whistleblowing hotline`,
      `SIM-T-2,21/09/2020,${triageUrn},,safeguarding,3,,Child missing overnight,Local authority`,
      `SIM-T-3,21/09/2020,${triageUrn},,serious event,3,,Restraint injury,Regulation 40 notification`,
    ].join('\n');
    cloud.clock.set('2020-09-21T01:00:00Z');
    for (const v of before.filter((x) => x.week === '2020-09-14' && x.status === 'notified').slice(0, 2)) await visitDone(v, false);
    await idle();
    // The intelligence import re-plans straight away (ImportCompleted); the night then has nothing new.
    await importFile('intelligence-week-4.csv', csv);
    const p = await night('2020-09-21', before);
    const record = p.triage.find((t) => t.target === triageUrn);
    expect(record).toMatchObject({ openedOn: '2020-09-21', dueBy: '2020-10-05', outcome: 'planned' });
    expect(record!.week! <= record!.dueBy).toBe(true);
    expect(p.noSlot).toBe(0);
    const visit = p.planned.find((v) => v.target === triageUrn);
    expect(visit?.visitId).toBe(later.visitId);
    expect(visit?.reasons[0]).toMatch(/^Triage: new intelligence lifted the score from \d+ to \d+ \(threshold 80\)/);
    expect(p.changes.moved).toContainEqual(
      expect.objectContaining({ visitId: later.visitId, from: later.week, to: record!.week, why: 'Brought forward for triage (due by 05/10/2020)' }),
    );
  });
});
