import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from '../../../shared/domain/types';
import { OFSTED_REGIONS } from '../../../shared/domain/types';
import { defaultPolicy, parsePolicy } from '../../../shared/prioritise/policy';
import { createHash } from 'node:crypto';
import { buildProgramme, canonicalJson, canonicalProgrammeJson, hashCanonical, programmeDigest } from '../../../shared/prioritise/programme';
import { drawStratifiedSample } from '../../../shared/prioritise/sample';
import { laBand, scoreLa, scoreProvider, statutoryCycleMonths } from '../../../shared/prioritise/score';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';
import { inputs, la, matching, policy, signal, withPool } from './support';

const AS_OF = '2020-09-02';
/** Planning tests plan as of a day whose notice reaches the first week (7 September 2020). */
const BEFORE_SEASON = '2020-08-24';
const reasonOf = (s: { reasons: readonly { text: string; points: number }[] }, pattern: RegExp) => s.reasons.find((r) => pattern.test(r.text));

describe('scoring a provider', () => {
  it('adds the last full inspection grade with its date', () => {
    const s = scoreProvider(provider('A', { latestFullInspection: inspection('A', '2019-03-12', 'inadequate') }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /^Inadequate at last full inspection \(12\/03\/2019\)$/)?.points).toBe(40);
  });

  it('adds a decline since the previous full inspection and takes points off an improvement', () => {
    const p = provider('A', { latestFullInspection: inspection('A', '2019-03-12', 'requires-improvement') });
    const declined = scoreProvider(p, [inspection('A', '2017-01-10', 'good')], [], defaultPolicy(), AS_OF);
    expect(reasonOf(declined, /^Declined from Good/)?.points).toBe(10);
    const improved = scoreProvider(p, [inspection('A', '2017-01-10', 'inadequate')], [], defaultPolicy(), AS_OF);
    expect(reasonOf(improved, /^Improved from Inadequate/)?.points).toBe(-5);
  });

  it('counts an interim inspection that found declined effectiveness', () => {
    const interim: InspectionEvent = {
      urn: 'A',
      eventNumber: 'i1',
      eventType: 'Interim inspection',
      inspectionDate: '2020-01-15',
      overall: { kind: 'interim', outcome: 'declined', words: 'Declined in effectiveness' },
      judgements: {},
    };
    const s = scoreProvider(provider('A'), [interim], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /Interim inspection found declined effectiveness \(15\/01\/2020\)/)?.points).toBe(10);
  });

  it("measures time since the last inspection against the provision type's statutory cycle", () => {
    const nineMonths = inspection('A', '2019-12-02', 'good');
    const home = scoreProvider(provider('A', { latestFullInspection: nineMonths }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(home, /^9 months since last full inspection, against a 12-month cycle for Children's home \(0\.8 cycles\)$/)?.points).toBe(11);
    const agency = scoreProvider(
      provider('A', { provisionType: 'Independent Fostering Agency', latestFullInspection: nineMonths }),
      [],
      [],
      defaultPolicy(),
      AS_OF,
    );
    expect(reasonOf(agency, /against a 36-month cycle/)?.points).toBe(4);
    const poorHome = scoreProvider(
      provider('A', { latestFullInspection: inspection('A', '2019-12-02', 'requires-improvement') }),
      [],
      [],
      defaultPolicy(),
      AS_OF,
    );
    expect(reasonOf(poorHome, /against a 6-month cycle/)?.points).toBe(23);
    const old = scoreProvider(provider('A', { latestFullInspection: inspection('A', '2010-01-01', 'good') }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(old, /months since last full inspection/)?.points).toBe(30);
  });

  it('knows the statutory cycles: homes yearly (twice after a poor judgement), secure homes twice a year, agencies every three years', () => {
    const p = defaultPolicy();
    expect(statutoryCycleMonths(p, "Children's home", 'good')).toBe(12);
    expect(statutoryCycleMonths(p, "Children's home", 'inadequate')).toBe(6);
    expect(statutoryCycleMonths(p, "Secure children's home", 'outstanding')).toBe(6);
    expect(statutoryCycleMonths(p, 'Voluntary Adoption Agency', 'good')).toBe(36);
    expect(statutoryCycleMonths(p, 'Something new', undefined)).toBe(36);
  });

  it('scores a newly registered provider at least as high as one never inspected', () => {
    const never = scoreProvider(provider('A', { latestFullInspection: undefined }), [], [], defaultPolicy(), AS_OF);
    const fresh = scoreProvider(provider('A', { latestFullInspection: undefined, registrationDate: '2020-03-01' }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(never, /^Never inspected$/)?.points).toBe(30);
    expect(reasonOf(fresh, /^Newly registered \(01\/03\/2020\)/)?.points).toBeGreaterThanOrEqual(reasonOf(never, /^Never inspected$/)!.points);
  });

  it('does not count a routine Regulation 44/45 report as risk, but counts a missing, late or concerning one', () => {
    const p = provider('A', { latestFullInspection: inspection('A', '2019-12-02', 'good') });
    const routine = scoreProvider(p, [], [signal('1', 'independent-report', '2020-08-01', { urn: 'A' })], defaultPolicy(), AS_OF);
    const none = scoreProvider(p, [], [], defaultPolicy(), AS_OF);
    expect(routine.score).toBe(none.score);
    for (const type of ['independent-report-missing', 'independent-report-late', 'independent-report-concern'] as const) {
      const s = scoreProvider(p, [], [signal('1', type, '2020-08-01', { urn: 'A' })], defaultPolicy(), AS_OF);
      expect(s.score).toBeGreaterThan(none.score);
      expect(s.reasons.some((r) => /Regulation 44\/45 report/.test(r.text))).toBe(true);
    }
  });

  it('counts a signal from the day it is received, never before', () => {
    const p = provider('A');
    const signals = [signal('1', 'whistleblowing', '2020-10-14', { urn: 'A' }, { severity: 3 })];
    expect(scoreProvider(p, [], signals, defaultPolicy(), '2020-10-13').score).toBe(scoreProvider(p, [], [], defaultPolicy(), '2020-10-13').score);
    expect(scoreProvider(p, [], signals, defaultPolicy(), '2020-10-14').score).toBeGreaterThan(scoreProvider(p, [], [], defaultPolicy(), '2020-10-14').score);
  });

  it('weighs intelligence by recency: a recent serious event counts more than an old one', () => {
    const p = provider('A');
    const recent = scoreProvider(p, [], [signal('1', 'serious-event', '2020-08-30', { urn: 'A' })], defaultPolicy(), AS_OF);
    const old = scoreProvider(p, [], [signal('1', 'serious-event', '2019-09-01', { urn: 'A' })], defaultPolicy(), AS_OF);
    expect(reasonOf(recent, /serious-event notification/)!.points).toBeGreaterThan(reasonOf(old, /serious-event notification/)!.points);
    expect(reasonOf(recent, /^1 serious-event notification since the last full inspection \(latest 30\/08\/2020\)/)).toBeDefined();
  });

  it('weighs intelligence per place: the same concerns count more in a smaller home', () => {
    const signals = [signal('1', 'whistleblowing', '2020-08-01', { urn: 'A' }), signal('2', 'whistleblowing', '2020-08-02', { urn: 'A' })];
    const small = scoreProvider(provider('A', { places: 1 }), [], signals, defaultPolicy(), AS_OF);
    const large = scoreProvider(provider('A', { places: 16 }), [], signals, defaultPolicy(), AS_OF);
    expect(reasonOf(small, /whistleblowing/)!.points).toBeGreaterThan(reasonOf(large, /whistleblowing/)!.points);
  });

  it('ignores intelligence from before the last full inspection and after the as-of date', () => {
    const s = scoreProvider(
      provider('A'),
      [],
      [signal('1', 'complaint', '2019-01-01', { urn: 'A' }), signal('2', 'complaint', '2020-12-01', { urn: 'A' })],
      defaultPolicy(),
      AS_OF,
    );
    expect(reasonOf(s, /complaint/)).toBeUndefined();
  });

  it('adds open enforcement, and nothing for an enforcement action that has been closed', () => {
    const open = scoreProvider(
      provider('A'),
      [],
      [signal('1', 'enforcement-action', '2020-06-01', { urn: 'A' }, { summary: 'Compliance notice' })],
      defaultPolicy(),
      AS_OF,
    );
    expect(reasonOf(open, /^Open enforcement action: Compliance notice \(01\/06\/2020\)$/)?.points).toBe(20);
    const closed = scoreProvider(provider('A'), [], [signal('1', 'enforcement-action', '2020-06-01', { urn: 'A' }, { open: false })], defaultPolicy(), AS_OF);
    expect(reasonOf(closed, /^Open enforcement/)).toBeUndefined();
  });

  it("always ranks secure children's homes high", () => {
    const s = scoreProvider(provider('A', { provisionType: "Secure children's home" }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /always a high priority/)?.points).toBe(25);
  });

  it('adds points for places, capped', () => {
    expect(reasonOf(scoreProvider(provider('A', { places: 6 }), [], [], defaultPolicy(), AS_OF), /^6 places$/)?.points).toBe(3);
    expect(reasonOf(scoreProvider(provider('A', { places: 40 }), [], [], defaultPolicy(), AS_OF), /^40 places$/)?.points).toBe(5);
  });

  it('gives the same score with and without its reasons, and makes it the sum of its reasons, highest first', () => {
    const p = provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') });
    const signals = [
      signal('1', 'complaint', '2020-08-01', { urn: 'A' }),
      signal('2', 'enforcement-action', '2020-07-01', { urn: 'A' }, { severity: 2 }),
      signal('3', 'complaint', '2020-06-01', { urn: 'A' }, { severity: 3 }),
    ];
    const s = scoreProvider(p, [], signals, defaultPolicy(), AS_OF);
    expect(scoreProvider(p, [], signals, defaultPolicy(), AS_OF, false).score).toBe(s.score);
    expect(s.score).toBe(s.reasons.reduce((t, r) => t + r.points, 0));
    expect(s.reasons.map((r) => r.points)).toEqual([...s.reasons.map((r) => r.points)].sort((a, b) => b - a));
  });
});

describe('the order of LA visits', () => {
  it('follows the published 2020 order: inadequate, priority action, concerns, not inspected, then good or outstanding', () => {
    expect(laBand(la('A', 'London', 'inadequate'), [], AS_OF)).toBe(1);
    expect(laBand(la('B', 'London', 'requires-improvement', { areaForPriorityAction: true }), [], AS_OF)).toBe(2);
    expect(laBand(la('C', 'London', 'good'), [signal('1', 'la-concern', '2020-02-01', { localAuthority: 'C' })], AS_OF)).toBe(3);
    expect(laBand(la('D', 'London'), [], AS_OF)).toBe(4);
    expect(laBand(la('E', 'London', 'outstanding'), [], AS_OF)).toBe('good-or-outstanding');
    expect(laBand(la('F', 'London', 'requires-improvement'), [], AS_OF)).toBe(6);
  });

  it('plans the bands in order inside the LA pool when its capacity is short', () => {
    const p = buildProgramme(
      inputs({
        laOutcomes: [la('NotInspected', 'London'), la('Priority', 'London', 'good', { areaForPriorityAction: true }), la('Inadequate', 'London', 'inadequate')],
      }),
      { ...withPool(defaultPolicy(), 'la', { capacity: { London: 8 }, from: '2020-09-07', to: '2020-09-11' }), laSample: { share: 0, seed: 1 } },
      BEFORE_SEASON,
    );
    expect(p.planned.map((v) => v.target)).toEqual(['Inadequate', 'Priority']);
    expect(p.planned.every((v) => v.pool === 'la')).toBe(true);
    expect(p.unplanned.find((u) => u.target === 'NotInspected')?.why).toMatch(/No inspector capacity left in London \(Local authority visits\)/);
    expect(p.planned[0]!.reasons[0]).toBe('Priority band 1 of the 2020 order: Judged inadequate');
  });

  it('scores LAs with their reasons, an area for priority action weighted on its own', () => {
    const s = scoreLa(la('A', 'London', 'inadequate'), [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /^Inadequate at last inspection of children's services \(01\/05\/2019\)$/)?.points).toBe(40);
    const apa = scoreLa(la('B', 'London', 'requires-improvement', { areaForPriorityAction: true }), [], defaultPolicy(), AS_OF);
    expect(reasonOf(apa, /^Area for priority action$/)?.points).toBe(defaultPolicy().weights.areaForPriorityAction);
  });
});

describe('the good/outstanding sample', () => {
  const candidates = OFSTED_REGIONS.flatMap((r) => Array.from({ length: 6 }, (_, i) => ({ name: `${r} LA ${i}`, region: r })));

  it('draws the same LAs for the same seed and different ones for another seed', () => {
    expect(drawStratifiedSample(candidates, 16, 7)).toEqual(drawStratifiedSample([...candidates].reverse(), 16, 7));
    expect(drawStratifiedSample(candidates, 16, 7)).not.toEqual(drawStratifiedSample(candidates, 16, 8));
  });

  it('is stratified: every region is represented, in proportion', () => {
    const s = drawStratifiedSample(candidates, 16, 7);
    expect(s.map((r) => r.drawn.length)).toEqual(OFSTED_REGIONS.map(() => 2));
  });

  it('never picks an LA that is not judged good or outstanding', () => {
    const las = [
      la('Good1', 'London', 'good'),
      la('Out1', 'London', 'outstanding'),
      la('RI1', 'London', 'requires-improvement'),
      la('Inad', 'London', 'inadequate'),
      la('Good2', 'South West', 'good'),
    ];
    for (let seed = 0; seed < 20; seed++) {
      const p = buildProgramme(inputs({ laOutcomes: las }), policy({ laSample: { share: 0.5, seed } }), BEFORE_SEASON);
      const sampled = p.planned.filter((v) => v.reasons.some((r) => r.startsWith('Drawn in the good/outstanding sample'))).map((v) => v.target);
      for (const t of sampled) expect(['Good1', 'Out1', 'Good2']).toContain(t);
    }
  });

  it('stores the seed with the programme', () => {
    expect(buildProgramme(inputs(), policy({ laSample: { share: 0.04, seed: 4242 } }), BEFORE_SEASON).seed).toBe(4242);
  });
});

describe('the policy', () => {
  it('ships valid defaults', () => {
    expect(defaultPolicy().version).toBe('2020-09-default');
  });

  it('refuses a bad policy listing every problem with its path', () => {
    const bad = { ...structuredClone(defaultPolicy()), grade: 'Good' };
    bad.pools.provider.capacity.London = -3;
    bad.pools.la.window.from = '2020-09-08';
    bad.pausedAreas = [{ localAuthority: 'Leicester', from: '2020-10-01', to: '2020-09-01', reason: 'x' }];
    const r = parsePolicy(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual(expect.arrayContaining([matching(/^pools\.provider\.capacity\.London: /), matching(/^\(the document\): .*grade/)]));
    const later = parsePolicy({
      ...defaultPolicy(),
      pausedAreas: [{ localAuthority: 'L', from: '2020-10-01', to: '2020-09-01', reason: 'x' }],
      pools: { ...defaultPolicy().pools, la: { ...defaultPolicy().pools.la, window: { from: '2020-09-08', to: '2020-12-31' } } },
    });
    expect(later.ok ? [] : later.problems).toEqual(
      expect.arrayContaining([matching(/^pausedAreas\[0\]\.to: ends/), matching(/^pools\.la\.window\.from: must be a Monday/)]),
    );
  });

  it('refuses weights that break the rules: a newly registered provider under never inspected, a routine Regulation 44/45 report as risk', () => {
    const p = defaultPolicy();
    const r = parsePolicy({
      ...p,
      weights: { ...p.weights, newlyRegistered: p.weights.neverInspected - 1, signals: { ...p.weights.signals, 'independent-report': 2 } },
    });
    expect(r.ok ? [] : r.problems).toEqual(
      expect.arrayContaining([
        matching(/^weights\.newlyRegistered: must be at least neverInspected/),
        matching(/^weights\.signals\.independent-report: must be 0/),
      ]),
    );
  });

  it('refuses a regional mailbox that is not an email address with {region} in it', () => {
    const p = defaultPolicy();
    const r = parsePolicy({ ...p, pools: { ...p.pools, la: { ...p.pools.la, mailbox: 'hmi@' } } });
    expect(r.ok ? [] : r.problems).toEqual([matching(/^pools\.la\.mailbox: must be an email address containing \{region\}/)]);
  });
});

describe('the digest', () => {
  it('is the sha256 of the canonical bytes, computed without building them whole', () => {
    const p = buildProgramme(
      inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })], laOutcomes: [la('X', 'London', 'good')] }),
      defaultPolicy(),
      BEFORE_SEASON,
    );
    expect(hashCanonical(p)).toBe(createHash('sha256').update(canonicalJson(p)).digest('hex'));
    expect(canonicalJson({ b: [1, 'x'], a: { d: null, c: undefined } })).toBe('{"a":{"d":null},"b":[1,"x"]}');
  });

  it('is the same for the same inputs in any order, and leaves out the changes against stored visits', () => {
    const providers = Array.from({ length: 60 }, (_, i) =>
      provider(`P${i}`, { latestFullInspection: inspection(`P${i}`, `2018-0${(i % 9) + 1}-01`, i % 3 ? 'good' : 'inadequate') }),
    );
    const signals = providers.flatMap((p, i) => [
      signal(`s${i}a`, 'complaint', '2020-07-01', { urn: p.urn }),
      signal(`s${i}b`, 'serious-event', '2020-06-01', { urn: p.urn }, { severity: 3 }),
    ]);
    const a = buildProgramme(inputs({ providers, signals }), defaultPolicy(), BEFORE_SEASON);
    const b = buildProgramme(inputs({ providers: [...providers].reverse(), signals: [...signals].reverse() }), defaultPolicy(), BEFORE_SEASON);
    expect(canonicalProgrammeJson(b)).toBe(canonicalProgrammeJson(a));
    expect(programmeDigest(b)).toBe(programmeDigest(a));
    expect(programmeDigest({ ...a, changes: { moved: [], added: [], dropped: [] } })).toBe(programmeDigest(a));
  });
});
