import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, holidaySet, shippedBankHolidays } from '../../../shared/domain/calendar';
import {
  decide,
  dueOn,
  scheduledCommand,
  stepOpen,
  type LifecycleSettings,
  type Publication,
  type PublicationCommand,
} from '../../../shared/publication/lifecycle';

const holidays = holidaySet(shippedBankHolidays());
const settings = (day: string, time = '10:00:00.000Z'): LifecycleSettings => ({
  now: `${day}T${time}`,
  holidays,
  factualAccuracyWorkingDays: 5,
  publishWorkingDaysAfterWindow: 1,
});

/** Apply commands in order, each on its day; every one must change the publication. */
function run(steps: [string, PublicationCommand][]): Publication {
  let p: Publication | undefined;
  for (const [day, command] of steps) {
    const d = decide(p, command, settings(day));
    if (d.outcome !== 'changed') throw new Error(`${command.action} on ${day}: ${d.outcome}${d.outcome === 'refused' ? ` (${d.reason})` : ''}`);
    p = { ...d.publication, visitId: 'v-1' };
  }
  return p!;
}

const reviewer = 'reviewer@inspectorate.example.gov.uk';
const inspector = 'inspector@inspectorate.example.gov.uk';
const contact = 'manager@home.example.org';

describe('the publication lifecycle', () => {
  it('goes from submission through review and a factual accuracy window to publication on its date', () => {
    const p = run([
      ['2020-09-14', { action: 'submit', version: 1, by: inspector }],
      ['2020-09-14', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-15', { action: 'return', reason: 'Say which records you saw.', by: reviewer }],
      ['2020-09-16', { action: 'submit', version: 2, by: inspector }],
      ['2020-09-16', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-17', { action: 'approve', contacts: [contact], by: reviewer }],
    ]);
    expect(p).toMatchObject({ state: 'factual-accuracy', version: 2, factualAccuracy: { opensOn: '2020-09-17', closesOn: '2020-09-24', contacts: [contact] } });
    expect(dueOn(p)).toBe('2020-09-25');
    expect(scheduledCommand(p, '2020-09-24')).toBeUndefined();
    const closed = decide(p, { action: 'close-window', by: 'schedule' }, settings('2020-09-25'));
    expect(closed).toMatchObject({ outcome: 'changed', publication: { state: 'ready', publishOn: '2020-09-28' } });
    const ready = (closed as { publication: Publication }).publication;
    expect(scheduledCommand(ready, '2020-09-27')).toBeUndefined();
    expect(scheduledCommand(ready, '2020-09-28')).toEqual({ action: 'publish', by: 'schedule' });
    const published = decide(ready, { action: 'publish', by: 'schedule' }, settings('2020-09-28'));
    expect(published).toMatchObject({ outcome: 'changed', publication: { state: 'published', edition: 1, publishedAt: '2020-09-28T10:00:00.000Z' } });
    expect((published as { publication: Publication }).publication.history.map((h) => h.state)).toEqual([
      'submitted',
      'in-review',
      'returned',
      'submitted',
      'in-review',
      'factual-accuracy',
      'ready',
      'published',
    ]);
  });

  it('counts the factual accuracy window in working days, skipping bank holidays', () => {
    // Approved on Thursday 24 December 2020: Christmas Day, Boxing Day (substitute Monday 28th) and
    // New Year's Day are skipped: 29, 30, 31 December, 4 and 5 January.
    const p = run([
      ['2020-12-24', { action: 'submit', version: 1, by: inspector }],
      ['2020-12-24', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-12-24', { action: 'approve', contacts: [], by: reviewer }],
    ]);
    expect(p.factualAccuracy?.closesOn).toBe('2021-01-05');
  });

  it('keeps the window open until every comment is answered, and an accepted comment makes a new version', () => {
    let p = run([
      ['2020-09-14', { action: 'submit', version: 1, by: inspector }],
      ['2020-09-14', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-14', { action: 'approve', contacts: [contact], by: reviewer }],
      ['2020-09-15', { action: 'comment', commentId: 'c1', by: contact }],
    ]);
    expect(decide(p, { action: 'close-window', by: 'schedule' }, settings('2020-09-22'))).toEqual({
      outcome: 'refused',
      reason: 'A factual accuracy comment has not been answered yet.',
    });
    expect(decide(p, { action: 'comment', commentId: 'c2', by: contact }, settings('2020-09-22'))).toEqual({
      outcome: 'refused',
      reason: 'The factual accuracy window closed on 2020-09-21.',
    });
    p = run([
      ...historyOf(p),
      ['2020-09-22', { action: 'decide-comment', commentId: 'c1', accepted: true, reason: 'The home has four places, not five.', newVersion: 2, by: reviewer }],
    ]);
    expect(p).toMatchObject({ version: 2, openComments: 0 });
    expect(p.history.at(-1)).toMatchObject({ action: 'decide-comment', ref: 'c1', accepted: true, reason: 'The home has four places, not five.', version: 2 });
    expect(decide(p, { action: 'close-window', by: 'schedule' }, settings('2020-09-22'))).toMatchObject({
      outcome: 'changed',
      publication: { state: 'ready' },
    });
  });

  it('publishes early only with a reason, and never before the window has closed', () => {
    const open = run([
      ['2020-09-14', { action: 'submit', version: 1, by: inspector }],
      ['2020-09-14', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-14', { action: 'approve', contacts: [], by: reviewer }],
    ]);
    expect(decide(open, { action: 'publish', by: 'ops', reason: 'Urgent' }, settings('2020-09-15'))).toEqual({
      outcome: 'refused',
      reason: 'The findings are out for a factual accuracy check, so you cannot publish them now.',
    });
    const ready = run([...historyOf(open), ['2020-09-22', { action: 'close-window', by: 'schedule' }]]);
    expect(decide(ready, { action: 'publish', by: 'ops' }, settings('2020-09-22'))).toEqual({
      outcome: 'refused',
      reason: 'The publication date is 2020-09-23: to publish early, give a reason.',
    });
    expect(decide(ready, { action: 'publish', by: 'ops', reason: 'Ministerial request' }, settings('2020-09-22'))).toMatchObject({
      outcome: 'changed',
      entry: { reason: 'Ministerial request' },
    });
  });

  it('amends with a reason (a new edition each time) and withdraws once', () => {
    const published = run([
      ['2020-09-14', { action: 'submit', version: 1, by: inspector }],
      ['2020-09-14', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-14', { action: 'approve', contacts: [], by: reviewer }],
      ['2020-09-22', { action: 'close-window', by: 'schedule' }],
      ['2020-09-23', { action: 'publish', by: 'schedule' }],
      ['2020-10-01', { action: 'amend', reason: 'Corrected the number of places.', by: 'ops' }],
      ['2020-10-02', { action: 'amend', reason: 'Corrected a date.', newVersion: 2, by: 'ops' }],
    ]);
    expect(published).toMatchObject({ state: 'amended', edition: 3, version: 2 });
    expect(decide(published, { action: 'amend', reason: ' ', by: 'ops' }, settings('2020-10-03'))).toEqual({
      outcome: 'refused',
      reason: 'Give a reason to amend the report.',
    });
    const withdrawn = decide(published, { action: 'withdraw', reason: 'Published in error', by: 'ops' }, settings('2020-10-03'));
    expect(withdrawn).toMatchObject({ outcome: 'changed', publication: { state: 'withdrawn', edition: 4 } });
    const w = (withdrawn as { publication: Publication }).publication;
    expect(decide(w, { action: 'withdraw', reason: 'Again', by: 'ops' }, settings('2020-10-04'))).toEqual({ outcome: 'repeat', publication: w });
    expect(decide(w, { action: 'amend', reason: 'x', by: 'ops' }, settings('2020-10-04'))).toMatchObject({
      outcome: 'refused',
      reason: 'The findings were withdrawn, so you cannot amend the report now.',
    });
  });

  it("opens each role's link only during its step", () => {
    const fa = run([
      ['2020-09-14', { action: 'submit', version: 1, by: inspector }],
      ['2020-09-14', { action: 'start-review', reviewer, by: 'system' }],
      ['2020-09-14', { action: 'approve', contacts: [], by: reviewer }],
    ]);
    expect(stepOpen('provider', fa, '2020-09-21')).toBe(true);
    expect(stepOpen('provider', fa, '2020-09-22')).toBe(false);
    expect(stepOpen('reviewer', fa, '2020-09-22')).toBe(true);
    const published = run([
      ...historyOf(fa),
      ['2020-09-22', { action: 'close-window', by: 'schedule' }],
      ['2020-09-23', { action: 'publish', by: 'schedule' }],
    ]);
    expect(stepOpen('reviewer', published, '2020-09-23')).toBe(false);
    expect(stepOpen('provider', undefined, '2020-09-23')).toBe(false);
  });
});

/** The commands that made a publication, to extend it (test helper: replays from the history). */
function historyOf(p: Publication): [string, PublicationCommand][] {
  return p.history.map((h): [string, PublicationCommand] => {
    const day = h.at.slice(0, 10);
    switch (h.action) {
      case 'submit':
        return [day, { action: 'submit', version: h.version, by: h.by }];
      case 'start-review':
        return [day, { action: 'start-review', reviewer: (h.reason ?? '').replace('Sent to ', ''), by: h.by }];
      case 'approve':
        return [day, { action: 'approve', contacts: p.factualAccuracy?.contacts ?? [], by: h.by }];
      case 'comment':
        return [day, { action: 'comment', commentId: h.ref!, by: h.by }];
      case 'close-window':
        return [day, { action: 'close-window', by: h.by }];
      case 'publish':
        return [day, { action: 'publish', by: h.by, reason: h.reason }];
      default:
        throw new Error(`historyOf: ${h.action} not needed by these tests`);
    }
  });
}

// ------------------------------------------------------------------------ properties

const people = ['inspector', 'reviewer', 'ops', 'schedule', 'contact'];
const command: fc.Arbitrary<PublicationCommand> = fc.oneof(
  fc.record({ action: fc.constant('submit' as const), version: fc.integer({ min: 1, max: 6 }), by: fc.constantFrom(...people) }),
  fc.record({ action: fc.constant('start-review' as const), reviewer: fc.constant(reviewer), by: fc.constant('system') }),
  fc.record({ action: fc.constant('return' as const), reason: fc.constantFrom('More detail', ''), by: fc.constantFrom(...people) }),
  fc.record({ action: fc.constant('approve' as const), contacts: fc.constant([contact]), by: fc.constantFrom(...people) }),
  fc.record({ action: fc.constant('comment' as const), commentId: fc.constantFrom('c1', 'c2'), by: fc.constant(contact) }),
  fc.record({ action: fc.constant('no-comments' as const), by: fc.constant(contact) }),
  fc.record({
    action: fc.constant('decide-comment' as const),
    commentId: fc.constantFrom('c1', 'c2'),
    accepted: fc.boolean(),
    reason: fc.constantFrom('Checked', ''),
    newVersion: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    by: fc.constantFrom(...people),
  }),
  fc.record({ action: fc.constant('close-window' as const), by: fc.constantFrom(...people) }),
  fc.record({ action: fc.constant('publish' as const), reason: fc.option(fc.constantFrom('Early', ''), { nil: undefined }), by: fc.constantFrom(...people) }),
  fc.record({ action: fc.constant('amend' as const), reason: fc.constantFrom('Fixed', ''), by: fc.constant('ops') }),
  fc.record({ action: fc.constant('withdraw' as const), reason: fc.constantFrom('Error', ''), by: fc.constant('ops') }),
);
/** A command and how many days after the previous one it comes. */
type Step = [PublicationCommand, number];

/** The way to publication, step by step (the close comes more than a window after the approval). */
const happyPath: fc.Arbitrary<Step[]> = fc
  .record({ returned: fc.boolean(), commented: fc.boolean(), late: fc.integer({ min: 8, max: 12 }) })
  .map(({ returned, commented, late }) => [
    [{ action: 'submit', version: 1, by: 'inspector' }, 0] as Step,
    [{ action: 'start-review', reviewer, by: 'system' }, 0] as Step,
    ...(returned
      ? ([
          [{ action: 'return', reason: 'More detail', by: 'reviewer' }, 1],
          [{ action: 'submit', version: 2, by: 'inspector' }, 1],
          [{ action: 'start-review', reviewer, by: 'system' }, 0],
        ] as Step[])
      : []),
    [{ action: 'approve', contacts: [contact], by: 'reviewer' }, 1] as Step,
    ...(commented
      ? ([
          [{ action: 'comment', commentId: 'c1', by: contact }, 1],
          [{ action: 'decide-comment', commentId: 'c1', accepted: true, reason: 'Checked', by: 'reviewer' }, 1],
        ] as Step[])
      : []),
    [{ action: 'close-window', by: 'schedule' }, late] as Step,
    [{ action: 'publish', by: 'schedule' }, 1] as Step,
  ]);

/** The way to publication with random commands (attempts to skip, repeat, go back) slipped in anywhere. */
const steps: fc.Arbitrary<Step[]> = fc
  .tuple(happyPath, fc.array(fc.tuple(fc.tuple(command, fc.integer({ min: 0, max: 4 })), fc.nat()), { maxLength: 25 }))
  .map(([path, noise]) => {
    const out: Step[] = [...path];
    for (const [step, at] of noise) out.splice(at % (out.length + 1), 0, step);
    return out;
  });

function play(list: Step[]): Publication[] {
  const seen: Publication[] = [];
  let p: Publication | undefined;
  let day = '2020-09-07';
  for (const [c, gap] of list) {
    day = addDays(day, gap);
    const d = decide(p, c, settings(day));
    if (d.outcome === 'changed') seen.push((p = d.publication));
  }
  return seen;
}

const PUBLIC = ['published', 'amended', 'withdrawn'];

describe('the publication lifecycle (properties)', () => {
  it('never reaches publication without a review that approved the latest submission and a factual accuracy window that closed', () => {
    let publishedRuns = 0;
    fc.assert(
      fc.property(steps, (list) => {
        const published = play(list).filter((p) => PUBLIC.includes(p.state));
        publishedRuns += published.length > 0 ? 1 : 0;
        for (const p of published) {
          const h = p.history;
          const lastSubmit = h.findLastIndex((e) => e.action === 'submit');
          const review = h.findIndex((e, i) => i > lastSubmit && e.action === 'start-review');
          const approve = h.findIndex((e, i) => i > review && e.action === 'approve');
          const close = h.findIndex((e, i) => i > approve && e.action === 'close-window');
          const publish = h.findIndex((e, i) => i > close && e.action === 'publish');
          expect(lastSubmit).toBeGreaterThanOrEqual(0);
          expect([review, approve, close, publish].every((i) => i > lastSubmit)).toBe(true);
          expect(h[close]!.at.slice(0, 10) > p.factualAccuracy!.closesOn).toBe(true);
          // Every comment taken was answered before the window closed.
          const taken = h
            .slice(0, close)
            .filter((e) => e.action === 'comment')
            .map((e) => e.ref);
          const answered = h
            .slice(0, close)
            .filter((e) => e.action === 'decide-comment')
            .map((e) => e.ref);
          expect(new Set(answered)).toEqual(new Set(taken));
        }
      }),
      { numRuns: 3000 },
    );
    // The property was exercised: most runs got to publication despite the noise.
    expect(publishedRuns).toBeGreaterThan(1000);
  });

  it('treats a command applied twice in a row as a repeat that changes nothing', () => {
    fc.assert(
      fc.property(steps, command, (list, again) => {
        const p = play(list).at(-1);
        const first = decide(p, again, settings('2021-06-01'));
        // Only a command that changed something can be repeated; refusals are covered above.
        fc.pre(first.outcome === 'changed');
        const changed = first;
        const second = decide(changed.publication, again, settings('2021-06-01', '10:00:01.000Z'));
        expect(second).toEqual({ outcome: 'repeat', publication: changed.publication });
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the history in step with the state: one entry per change, numbered, ending in the current state', () => {
    fc.assert(
      fc.property(steps, (list) => {
        const seen = play(list);
        expect(seen.length).toBeGreaterThan(0); // the first submission always lands
        for (const p of seen) {
          expect(p.history.map((h) => h.seq)).toEqual(p.history.map((_, i) => i + 1));
          expect(p.seq).toBe(p.history.length);
          expect(p.history.at(-1)?.state).toBe(p.state);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
