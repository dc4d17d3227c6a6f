import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InspectionEvent, IntelligenceSignal, LaOutcome, OfstedRegion } from '../../../shared/domain/types';
import { OFSTED_REGIONS } from '../../../shared/domain/types';
import { diffProgrammes, renderDiffText } from '../../../shared/prioritise/diff';
import { defaultPolicy, parsePolicy, type Policy } from '../../../shared/prioritise/policy';
import { buildProgramme, canonicalProgrammeJson, programmeDigest, type PrioritiseInputs } from '../../../shared/prioritise/programme';
import { renderProgrammeCsv, renderProgrammeHtml, safeCell } from '../../../shared/prioritise/render';
import { drawStratifiedSample } from '../../../shared/prioritise/sample';
import { laBand, scoreLa, scoreProvider } from '../../../shared/prioritise/score';
import { transparencyRecord } from '../../../shared/prioritise/transparency';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';

const AS_OF = '2020-09-02';

function signal(id: string, type: IntelligenceSignal['type'], date: string, target: { urn?: string; localAuthority?: string }, over: Partial<IntelligenceSignal> = {}): IntelligenceSignal {
  return { signalId: id, type, date, severity: 1, open: true, ...target, ...over };
}

function la(name: string, region: OfstedRegion, overall?: LaOutcome['overall'], over: Partial<LaOutcome> = {}): LaOutcome {
  return { localAuthority: name, region, areaForPriorityAction: false, ...(overall ? { overall, inspectionDate: '2019-05-01' } : {}), ...over };
}

const policy = (over: Partial<Policy> = {}): Policy => ({ ...defaultPolicy(), ...over });
const inputs = (over: Partial<PrioritiseInputs> = {}): PrioritiseInputs => ({ providers: [], inspections: [], laOutcomes: [], signals: [], previousVisits: [], ...over });
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
    const interim: InspectionEvent = { urn: 'A', eventNumber: 'i1', eventType: 'Interim inspection', inspectionDate: '2020-01-15', overall: { kind: 'interim', outcome: 'declined', words: 'Declined in effectiveness' }, judgements: {} };
    const s = scoreProvider(provider('A'), [interim], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /Interim inspection found declined effectiveness \(15\/01\/2020\)/)?.points).toBe(10);
  });

  it('adds half a point per month since the last full inspection, capped', () => {
    const s = scoreProvider(provider('A', { latestFullInspection: inspection('A', '2018-06-02', 'good') }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /^27 months since last full inspection$/)?.points).toBe(14);
    const old = scoreProvider(provider('A', { latestFullInspection: inspection('A', '2010-01-01', 'good') }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(old, /months since last full inspection/)?.points).toBe(20);
  });

  it('scores a provider never inspected, and a newly registered one less', () => {
    const never = scoreProvider(provider('A', { latestFullInspection: undefined }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(never, /^Never inspected$/)?.points).toBe(30);
    const fresh = scoreProvider(provider('A', { latestFullInspection: undefined, registrationDate: '2020-03-01' }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(fresh, /^Newly registered \(01\/03\/2020\)/)?.points).toBe(15);
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
    const s = scoreProvider(provider('A'), [], [signal('1', 'complaint', '2019-01-01', { urn: 'A' }), signal('2', 'complaint', '2020-12-01', { urn: 'A' })], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /complaint/)).toBeUndefined();
  });

  it('adds open enforcement, and nothing for an enforcement action that has been closed', () => {
    const open = scoreProvider(provider('A'), [], [signal('1', 'enforcement-action', '2020-06-01', { urn: 'A' }, { summary: 'Compliance notice' })], defaultPolicy(), AS_OF);
    expect(reasonOf(open, /^Open enforcement action: Compliance notice \(01\/06\/2020\)$/)?.points).toBe(20);
    const closed = scoreProvider(provider('A'), [], [signal('1', 'enforcement-action', '2020-06-01', { urn: 'A' }, { open: false })], defaultPolicy(), AS_OF);
    expect(reasonOf(closed, /^Open enforcement/)).toBeUndefined();
  });

  it('always ranks secure children\'s homes high', () => {
    const s = scoreProvider(provider('A', { provisionType: "Secure children's home" }), [], [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /always a high priority/)?.points).toBe(25);
  });

  it('adds points for places, capped', () => {
    expect(reasonOf(scoreProvider(provider('A', { places: 6 }), [], [], defaultPolicy(), AS_OF), /^6 places$/)?.points).toBe(3);
    expect(reasonOf(scoreProvider(provider('A', { places: 40 }), [], [], defaultPolicy(), AS_OF), /^40 places$/)?.points).toBe(5);
  });

  it('makes the score the sum of its reasons, listed highest first', () => {
    const s = scoreProvider(provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') }), [], [signal('1', 'complaint', '2020-08-01', { urn: 'A' })], defaultPolicy(), AS_OF);
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

  it('plans the bands in order when capacity is short', () => {
    const capacity = Object.fromEntries(OFSTED_REGIONS.map((r) => [r, 0])) as Policy['capacity'];
    capacity.London = 8;
    const p = buildProgramme(
      inputs({ laOutcomes: [la('NotInspected', 'London'), la('Priority', 'London', 'good', { areaForPriorityAction: true }), la('Inadequate', 'London', 'inadequate')] }),
      policy({ capacity, window: { startDate: '2020-09-07', weeks: 1 }, laSample: { share: 0, seed: 1 } }),
    );
    expect(p.planned.map((v) => v.target)).toEqual(['Inadequate', 'Priority']);
    expect(p.unplanned.find((u) => u.target === 'NotInspected')?.why).toMatch(/No inspector capacity left in London/);
    expect(p.planned[0]!.reasons[0]).toBe('Priority band 1 of the 2020 order: Judged inadequate');
  });

  it('scores LAs with their reasons', () => {
    const s = scoreLa(la('A', 'London', 'inadequate'), [], defaultPolicy(), AS_OF);
    expect(reasonOf(s, /^Inadequate at last inspection of children's services \(01\/05\/2019\)$/)?.points).toBe(40);
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
    const las = [la('Good1', 'London', 'good'), la('Out1', 'London', 'outstanding'), la('RI1', 'London', 'requires-improvement'), la('Inad', 'London', 'inadequate'), la('Good2', 'South West', 'good')];
    for (let seed = 0; seed < 20; seed++) {
      const p = buildProgramme(inputs({ laOutcomes: las }), policy({ laSample: { share: 0.5, seed } }));
      const sampled = p.planned.filter((v) => v.reasons.some((r) => r.startsWith('Drawn in the good/outstanding sample'))).map((v) => v.target);
      for (const t of sampled) expect(['Good1', 'Out1', 'Good2']).toContain(t);
    }
  });

  it('stores the seed with the programme', () => {
    expect(buildProgramme(inputs(), policy({ laSample: { share: 0.04, seed: 4242 } })).seed).toBe(4242);
  });
});

describe('the programme', () => {
  it('never plans more effort in a region and week than its capacity', () => {
    const providers = Array.from({ length: 400 }, (_, i) => provider(`P${i}`, { latestFullInspection: inspection(`P${i}`, '2018-01-01', 'inadequate') }));
    const p = buildProgramme(inputs({ providers }), defaultPolicy());
    for (const c of p.capacity) expect(c.used).toBeLessThanOrEqual(c.capacity);
    const northWest = p.capacity.filter((c) => c.region === 'North West');
    expect(northWest.every((c) => c.used === c.capacity)).toBe(true);
    expect(p.unplanned.filter((u) => /No inspector capacity/.test(u.why)).length).toBe(400 - p.planned.length);
  });

  it('does not visit a provider again within the burden rule, and says so', () => {
    const p = buildProgramme(
      inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })], previousVisits: [{ kind: 'provider', target: 'A', date: '2020-08-01' }] }),
      policy({ burden: { minDaysBetweenVisits: 180, noticeDays: 5 } }),
    );
    expect(p.planned).toEqual([]);
    expect(p.unplanned[0]!.why).toBe('Visited recently (01/08/2020): the policy allows the next visit from 28/01/2021, after this window');
  });

  it('plans a visit allowed part way through the window in the first week it is allowed', () => {
    const p = buildProgramme(
      inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })], previousVisits: [{ kind: 'provider', target: 'A', date: '2020-04-01' }] }),
      policy({ burden: { minDaysBetweenVisits: 180, noticeDays: 5 } }),
    );
    expect(p.planned[0]!.week).toBe('2020-09-28');
  });

  it('gives notice the policy\'s number of days before the week', () => {
    const p = buildProgramme(inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })] }), defaultPolicy());
    expect(p.planned[0]).toMatchObject({ week: '2020-09-07', noticeDate: '2020-09-02' });
  });

  it('plans no visit in a paused area while it is paused, and moves it to the first week after', () => {
    const pausedAreas = [{ localAuthority: 'Testshire', from: '2020-09-07', to: '2020-09-20', reason: 'Local restrictions' }];
    const p = buildProgramme(inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })] }), policy({ pausedAreas }));
    expect(p.planned[0]!.week).toBe('2020-09-21');
    const always = buildProgramme(
      inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })] }),
      policy({ pausedAreas: [{ localAuthority: 'testshire', from: '2020-01-01', to: '2021-12-31', reason: 'Local restrictions' }] }),
    );
    expect(always.unplanned[0]!.why).toBe('Paused area: testshire, Local restrictions (01/01/2020 to 31/12/2021)');
  });

  it('does not plan closed providers or providers below the minimum score, and says why', () => {
    const p = buildProgramme(inputs({ providers: [provider('C', { status: 'closed' }), provider('L', { latestFullInspection: inspection('L', '2020-06-01', 'outstanding'), places: undefined, provisionType: 'Boarding School' })] }), defaultPolicy());
    expect(p.unplanned.find((u) => u.target === 'C')?.why).toBe('Closed: not in the latest provider data');
    expect(p.unplanned.find((u) => u.target === 'L')?.why).toMatch(/^Lower need: score \d+ is below the policy's minimum of 20$/);
  });

  it('gives every planned visit reasons, a stable id, and plans highest need first', () => {
    const providers = [provider('LOW', { latestFullInspection: inspection('LOW', '2019-06-01', 'requires-improvement') }), provider('HIGH', { latestFullInspection: inspection('HIGH', '2018-01-01', 'inadequate') })];
    const capacity = Object.fromEntries(OFSTED_REGIONS.map((r) => [r, 0])) as Policy['capacity'];
    capacity['North West'] = 1;
    const p = buildProgramme(inputs({ providers }), policy({ capacity, window: { startDate: '2020-09-07', weeks: 1 } }));
    expect(p.planned.map((v) => v.target)).toEqual(['HIGH']);
    expect(p.planned[0]!.reasons.length).toBeGreaterThan(0);
    const again = buildProgramme(inputs({ providers: [...providers].reverse() }), policy({ capacity, window: { startDate: '2020-09-07', weeks: 2 } }));
    expect(again.planned.find((v) => v.target === 'HIGH')!.visitId).toBe(p.planned[0]!.visitId);
  });

  it('gives byte-identical output for the same inputs in any order', () => {
    const providers = Array.from({ length: 60 }, (_, i) => provider(`P${i}`, { latestFullInspection: inspection(`P${i}`, `2018-0${(i % 9) + 1}-01`, i % 3 ? 'good' : 'inadequate') }));
    const signals = providers.flatMap((p, i) => [signal(`s${i}a`, 'complaint', '2020-07-01', { urn: p.urn }), signal(`s${i}b`, 'serious-event', '2020-06-01', { urn: p.urn }, { severity: 3 })]);
    const a = buildProgramme(inputs({ providers, signals }), defaultPolicy());
    const b = buildProgramme(inputs({ providers: [...providers].reverse(), signals: [...signals].reverse() }), defaultPolicy());
    expect(canonicalProgrammeJson(b)).toBe(canonicalProgrammeJson(a));
    expect(programmeDigest(b)).toBe(programmeDigest(a));
  });
});

describe('the policy', () => {
  it('ships valid defaults', () => {
    expect(defaultPolicy().version).toBe('2020-09-default');
  });

  it('refuses a bad policy listing every problem with its path', () => {
    const bad = structuredClone(defaultPolicy()) as unknown as Record<string, unknown> & { capacity: Record<string, number>; pausedAreas: unknown[]; window: Record<string, unknown> };
    bad.capacity.London = -3;
    bad.window.startDate = '2020-09-08';
    bad.pausedAreas = [{ localAuthority: 'Leicester', from: '2020-10-01', to: '2020-09-01', reason: 'x' }];
    bad.grade = 'Good';
    const r = parsePolicy(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^capacity\.London: /),
        expect.stringMatching(/^\(the document\): .*grade/),
      ]),
    );
    expect(r.problems.length).toBeGreaterThanOrEqual(2);
    const later = parsePolicy({ ...defaultPolicy(), pausedAreas: [{ localAuthority: 'L', from: '2020-10-01', to: '2020-09-01', reason: 'x' }], window: { startDate: '2020-09-08', weeks: 12 } });
    expect(later.ok).toBe(false);
    if (!later.ok) expect(later.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^pausedAreas\[0\]\.to: ends/), expect.stringMatching(/^window\.startDate: must be a Monday/)]));
  });
});

describe('outputs', () => {
  const p = buildProgramme(
    inputs({ providers: [provider('SC1', { name: '=HYPERLINK("http://evil.example")', latestFullInspection: inspection('SC1', '2018-01-01', 'inadequate') })], laOutcomes: [la('Testshire', 'North West', 'inadequate')] }),
    defaultPolicy(),
  );

  it('keeps CSV cells from running as spreadsheet formulas', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+44')).toBe("'+44");
    expect(safeCell('-2')).toBe("'-2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('Good')).toBe('Good');
    const csv = renderProgrammeCsv(p);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('renders a GOV.UK page with the capacity chart and every planned visit\'s reasons, escaped', () => {
    const html = renderProgrammeHtml(p);
    expect(html).toContain('govuk-table');
    expect(html).toMatch(/<svg role="img" aria-labelledby="chart-title chart-desc"/);
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;)');
    for (const v of p.planned) for (const r of v.reasons) expect(html).toContain(r.replace(/'/g, '&#39;'));
  });

  it('writes a transparency record from the policy in force', () => {
    const html = transparencyRecord(defaultPolicy(), p);
    expect(html).toContain('Algorithmic Transparency Recording Standard');
    expect(html).toContain('2020-09-default');
    expect(html).toContain('seed');
    expect(html).toContain('Inadequate +40');
  });

  it('names who enters, leaves and moves between two programmes, with why', () => {
    const providers = [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') }), provider('B', { latestFullInspection: inspection('B', '2018-01-01', 'requires-improvement') })];
    const capacity = Object.fromEntries(OFSTED_REGIONS.map((r) => [r, 0])) as Policy['capacity'];
    capacity['North West'] = 1;
    const one = buildProgramme(inputs({ providers }), policy({ capacity, window: { startDate: '2020-09-07', weeks: 1 } }));
    const two = buildProgramme(inputs({ providers, signals: [signal('x', 'serious-event', '2020-08-30', { urn: 'B' }, { severity: 3 }), signal('y', 'whistleblowing', '2020-08-30', { urn: 'B' }, { severity: 3 })] }), policy({ capacity, window: { startDate: '2020-09-07', weeks: 1 } }));
    const d = diffProgrammes(one, two);
    expect(d.entered.map((e) => e.target)).toEqual(['B']);
    expect(d.left.map((l) => l.target)).toEqual(['A']);
    expect(d.left[0]!.why).toMatch(/No inspector capacity/);
    expect(renderDiffText(d)).toMatch(/1 would enter, 1 would leave, 0 would move week/);
  });
});

describe('invariants (property-based)', () => {
  const arbProvider = fc.record({
    urn: fc.stringMatching(/^SC\d{4}$/),
    grade: fc.constantFrom('outstanding', 'good', 'requires-improvement', 'inadequate') as fc.Arbitrary<'outstanding' | 'good' | 'requires-improvement' | 'inadequate'>,
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 2014, max: 2020 }),
    region: fc.constantFrom(...OFSTED_REGIONS),
    la: fc.constantFrom('A', 'B', 'C'),
    places: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    signals: fc.integer({ min: 0, max: 4 }),
  });

  it('never exceeds capacity, never plans a target twice, gives every item a reason, respects pauses', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbProvider, { selector: (p) => p.urn, maxLength: 80 }), fc.integer({ min: 0, max: 6 }), (rows, cap) => {
        const providers = rows.map((r) => provider(r.urn, { region: r.region, localAuthority: r.la, places: r.places, latestFullInspection: inspection(r.urn, `${r.year}-${String(r.month).padStart(2, '0')}-01`, r.grade) }));
        const signals = rows.flatMap((r) => Array.from({ length: r.signals }, (_, i) => signal(`${r.urn}-${i}`, 'complaint', '2020-08-01', { urn: r.urn })));
        const capacity = Object.fromEntries(OFSTED_REGIONS.map((r) => [r, cap])) as Policy['capacity'];
        const pausedAreas = [{ localAuthority: 'B', from: '2020-09-14', to: '2020-10-04', reason: 'Local restrictions' }];
        const p = buildProgramme(inputs({ providers, signals }), policy({ capacity, pausedAreas, minimumProviderScore: 0 }));
        for (const c of p.capacity) expect(c.used).toBeLessThanOrEqual(c.capacity);
        const targets = p.planned.map((v) => v.target);
        expect(new Set(targets).size).toBe(targets.length);
        expect(p.planned.length + p.unplanned.length).toBe(providers.length);
        for (const v of p.planned) {
          expect(v.reasons.length).toBeGreaterThan(0);
          if (v.localAuthority === 'B') expect(v.week < '2020-09-08' || v.week > '2020-10-04').toBe(true);
        }
        for (const u of p.unplanned) expect(u.why.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the digest', () => {
  it('is the sha256 of the canonical bytes, computed without building them whole', async () => {
    const { createHash } = await import('node:crypto');
    const p = buildProgramme(inputs({ providers: [provider('A', { latestFullInspection: inspection('A', '2018-01-01', 'inadequate') })], laOutcomes: [la('X', 'London', 'good')] }), defaultPolicy());
    expect(programmeDigest(p)).toBe(createHash('sha256').update(canonicalProgrammeJson(p)).digest('hex'));
  });
});
