/** The programme's files: the complete CSV (every cell quoted), the summary page, the paged region pages and the transparency record. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../../../shared/prioritise/policy';
import { buildProgramme } from '../../../shared/prioritise/programme';
import { regionPageName, renderProgrammeCsv, renderProgrammeFiles, renderProgrammeHtml, renderRegionPages, safeCell } from '../../../shared/prioritise/render';
import { descriptionOf, policySections, transparencyRecord } from '../../../shared/prioritise/transparency';
import { anInspection as inspection, aProvider as provider } from '../../support/builders';
import { inputs, la, signal, withPool } from './support';

const homes = Array.from({ length: 120 }, (_, i) =>
  provider(`SC${String(i).padStart(4, '0')}`, {
    name: i === 0 ? '=HYPERLINK("http://evil.example")' : i === 1 ? 'Semi;colon\tand tab <b>' : `Home ${i}`,
    latestFullInspection: inspection(`SC${i}`, '2018-01-01', i % 2 ? 'inadequate' : 'good'),
  }),
);
const policy = withPool(defaultPolicy(), 'provider', { capacity: { 'North West': 2 } });
const p = buildProgramme(
  inputs({
    providers: homes,
    laOutcomes: [la('Testshire', 'North West', 'inadequate')],
    signals: [
      signal('w', 'whistleblowing', '2020-08-27', { urn: 'SC0002' }, { severity: 3 }),
      signal('s', 'safeguarding-concern', '2020-08-27', { urn: 'SC0002' }, { severity: 3 }),
    ],
  }),
  policy,
  '2020-08-28',
);

describe('the programme CSV', () => {
  it('quotes every cell, keeps formulas from running, and lists every planned visit and everyone not planned', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+44')).toBe("'+44");
    expect(safeCell('-2')).toBe("'-2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('Good')).toBe('Good');
    const csv = renderProgrammeCsv(p);
    const lines = csv.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain('"Semi;colon\tand tab <b>"');
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows).toHaveLength(p.planned.length + p.unplanned.length);
    expect(rows.filter((r) => r.Status === 'Not planned').every((r) => r['Reasons or why not'] !== '')).toBe(true);
  });
});

describe('the summary page', () => {
  const html = renderProgrammeHtml(p, { pageSize: 25 });

  it('starts with the as-of date and the downloads, before the triage list, the changes and the capacity', () => {
    const order = [
      'id="as-of"',
      'id="downloads"',
      'href="programme.csv"',
      'href="programme.json"',
      'id="triage"',
      'id="changes"',
      'id="capacity"',
      'id="regions"',
    ].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('As of <strong>28/08/2020</strong>');
  });

  it('shows capacity used per pool, region and week, links each region, and holds no visit rows itself', () => {
    expect(html).toContain('Local authority visits: used of capacity, week by week');
    expect(html).toContain('Provider visits: used of capacity, week by week');
    expect(html).toContain(`href="${regionPageName('North West', 1)}"`);
    // The visits and their reasons are on the region pages.
    expect(html).not.toContain('Visit and why');
    expect(renderRegionPages(p, 'North West', { pageSize: 25 })[0]).toContain('Visit and why');
    expect(html.length).toBeLessThan(200_000);
  });

  it('lists the triage records and the changes since the last run', () => {
    expect(p.triage.map((t) => t.target)).toEqual(['SC0002']);
    expect(html).toContain('Semi;colon\tand tab &lt;b&gt;');
    expect(html).toMatch(/Added: \d+/);
  });
});

describe('the region pages', () => {
  it('page through every visit and everyone not planned in the region, each row once, with GOV.UK pagination', () => {
    const pages = renderRegionPages(p, 'North West', { pageSize: 25 });
    const inRegion = [...p.planned, ...p.unplanned].filter((x) => x.region === 'North West');
    expect(pages).toHaveLength(Math.ceil(inRegion.length / 25));
    const all = pages.join('\n');
    for (const x of inRegion) expect(all.split(`>${x.targetName.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}<`).length - 1).toBe(1);
    expect(pages[0]).toContain('class="govuk-pagination"');
    expect(pages[0]).toContain(`href="${regionPageName('North West', 2)}"`);
    expect(pages[1]).toContain(`href="${regionPageName('North West', 1)}"`);
    expect(pages[0]).toContain('Capacity used, week by week');
    expect(pages[1]).not.toContain('Capacity used, week by week');
  });

  it('are all among the published files, with the complete JSON and a shared stylesheet', () => {
    const names = renderProgrammeFiles(p, policy, { pageSize: 25 }).map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'programme.json',
        'programme.csv',
        'index.html',
        'transparency.html',
        'govuk-frontend.min.css',
        'programme.css',
        regionPageName('London', 1),
        regionPageName('North West', 2),
      ]),
    );
  });
});

describe('the transparency record', () => {
  it('is generated from the policy: every weight is listed with its description and the value in force', () => {
    const rows = policySections(defaultPolicy()).flatMap((s) => s.rows);
    const weights = policySchema().shape.weights.shape;
    for (const [key, field] of Object.entries(weights)) {
      const label = descriptionOf(field)!;
      expect(
        rows.some((r) => r.label.startsWith(label)),
        `weights.${key}`,
      ).toBe(true);
    }
    const changed = { ...defaultPolicy(), weights: { ...defaultPolicy().weights, openEnforcement: 33 } };
    expect(policySections(changed).flatMap((s) => s.rows)).toContainEqual({ label: 'Enforcement action still open', value: '+33' });
    expect(rows).toContainEqual({
      label:
        'Intelligence received since the last full inspection: points per signal, times its severity (1 to 3), halved every signalHalfLifeDays and scaled for size: Routine Regulation 44/45 report (received as expected: not a risk)',
      value: '0',
    });
  });

  it('describes every part of the policy in words: no field without a description', () => {
    const sections = policySections(defaultPolicy()).map((s) => s.key);
    expect(sections).toEqual([
      'weights',
      'statutoryCycleMonths',
      'pools',
      'calendar',
      'notice',
      'triage',
      'followUp',
      'effort',
      'minimumProviderScore',
      'laSample',
      'burden',
      'pausedAreas',
      'imports',
      'publication',
    ]);
    const html = transparencyRecord(defaultPolicy(), p);
    expect(html).toContain('Algorithmic Transparency Recording Standard');
    expect(html).toContain('2020-09-default');
    expect(html).toContain('Share of each week held back for triage and follow-up visits');
    expect(html).toContain('Working days before an unannounced visit that the inspector is told');
  });
});
