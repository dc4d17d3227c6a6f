/**
 * npx tsx scripts/generate-samples.ts
 * Writes the SYNTHETIC sample files in samples/ from the LA names and providers of the real 2018
 * Ofsted provider file. Deterministic: the same seed gives the same bytes.
 *   samples/la-outcomes.synthetic.csv      ILACS outcomes, one row per LA (no real file is at hand)
 *   samples/intelligence.synthetic.csv     intelligence signals (Ofsted publishes none)
 *   samples/commissioners.synthetic.csv    commissioner subscriptions (example.gov.uk addresses)
 *   samples/contacts.synthetic.csv         a factual accuracy contact for every provider and LA
 *   samples/reviewers.synthetic.csv        one or two reviewers (managers) per Ofsted region
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ukDate } from '../shared/domain/dates';
import { limits } from '../infra/catalogue';
import { OFSTED_REGIONS, type Provider } from '../shared/domain/types';
import { parseImport } from '../shared/ingest/parse-import';
import { mulberry32, pick, weighted } from '../shared/ingest/random';

const root = resolve(import.meta.dirname, '..');
const rand = mulberry32(2020);

const providers: Provider[] = [];
const options = { maxBytes: limits.importMaxBytes, maxRowChars: limits.importMaxRowChars, snapshotId: 'samples' };
for await (const ev of parseImport(createReadStream(resolve(root, 'samples/ofsted/providers-as-at-2018-03-31.csv')), options)) {
  if (ev.type === 'row' && ev.row.kind === 'providers') providers.push(ev.row.entity);
}

// ---- LA outcomes (ILACS) ----------------------------------------------------------------------
const regionCounts = new Map<string, Map<string, number>>();
for (const p of providers) {
  const m = regionCounts.get(p.localAuthority) ?? new Map<string, number>();
  m.set(p.region, (m.get(p.region) ?? 0) + 1);
  regionCounts.set(p.localAuthority, m);
}
const las = [...regionCounts.entries()]
  .map(([name, m]) => ({ name, region: [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0] }))
  .sort((a, b) => a.name.localeCompare(b.name));

const GRADES = ['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate'] as const;
const isoDay = (from: number, to: number) => new Date(from + Math.floor(rand() * (to - from))).toISOString().slice(0, 10);
const T2018 = Date.UTC(2018, 0, 8);
const T2020 = Date.UTC(2020, 2, 13);

const laRows: string[][] = [];
const laGrade = new Map<string, string>();
for (const la of las) {
  const notYet = rand() < 0.04;
  if (notYet) {
    laRows.push([
      '',
      la.name,
      la.region,
      'Not yet inspected',
      '',
      'Not yet inspected',
      'Not yet inspected',
      'Not yet inspected',
      'Not yet inspected',
      'Not yet inspected',
      'No',
    ]);
    laGrade.set(la.name, 'none');
    continue;
  }
  const overall = weighted(rand, [
    ['Outstanding', 10],
    ['Good', 40],
    ['Requires improvement to be good', 40],
    ['Inadequate', 10],
  ] as const);
  laGrade.set(la.name, overall);
  const idx = GRADES.indexOf(overall);
  // Sub-judgements sit at or one step either side of the overall judgement.
  const near = () =>
    GRADES[
      Math.min(
        3,
        Math.max(
          0,
          idx +
            weighted(rand, [
              [-1, 1],
              [0, 4],
              [1, 1],
            ] as const),
        ),
      )
    ]!;
  const inspected = isoDay(T2018, T2020);
  const published = new Date(Date.parse(inspected) + (35 + Math.floor(rand() * 20)) * 86_400_000).toISOString().slice(0, 10);
  const priority = overall !== 'Outstanding' && overall !== 'Good' && rand() < 0.15 ? 'Yes' : 'No';
  laRows.push([
    `https://reports.example.gov.uk/synthetic-ilacs/${la.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    la.name,
    la.region,
    ukDate(inspected),
    ukDate(published),
    overall,
    overall === 'Inadequate' ? 'Inadequate' : near(),
    near(),
    near(),
    near(),
    priority,
  ]);
}
writeFileSync(
  resolve(root, 'samples/la-outcomes.synthetic.csv'),
  stringify([
    [
      'Web link',
      'Local authority name',
      'Ofsted region',
      'Inspection date',
      'Publication date',
      'Overall effectiveness',
      'The impact of leaders on social work practice with children and families',
      'The experiences and progress of children who need help and protection',
      'The experiences and progress of children in care',
      'The experiences and progress of care leavers',
      'Area for priority action',
    ],
    ...laRows,
  ]),
);

// ---- Intelligence signals ---------------------------------------------------------------------
const SUMMARIES: Record<string, string[]> = {
  complaint: [
    'Parent complained about contact arrangements',
    'Young person complained about staff response at night',
    'Complaint about placement ending at short notice',
  ],
  'serious-event': [
    'Regulation 40 notification: child missing overnight',
    'Regulation 40 notification: police called to the home',
    'Regulation 40 notification: serious injury to a child',
  ],
  whistleblowing: ['Staff member raised concerns about staffing levels', 'Whistleblower reported restraint not being recorded'],
  'safeguarding-concern': ['Safeguarding concern about a child at risk of exploitation', 'Concern about online contact with an unknown adult'],
  'la-concern': ['Placing authority raised concerns about care planning', 'Placing authority concerned about education provision'],
  'manager-change': ['Registered manager left; interim manager in post', 'New registered manager application received'],
  'enforcement-action': ['Compliance notice issued: staffing', 'Restriction of accommodation notice issued'],
  'independent-report': ['Regulation 44 report raised concerns about the environment', 'Regulation 45 review identified actions'],
};
const SOURCE: Record<string, string> = {
  complaint: 'Complaints team',
  'serious-event': 'Regulation 40 notification',
  whistleblowing: 'Whistleblowing hotline',
  'safeguarding-concern': 'Safeguarding referral',
  'la-concern': 'Placing authority',
  'manager-change': 'Registration team',
  'enforcement-action': 'Enforcement team',
  'independent-report': 'Regulation 44/45 report',
};
const riskWeight = (p: Provider) => {
  const g = p.latestFullInspection?.overall;
  if (g?.kind === 'grade' && g.grade === 'inadequate') return 8;
  if (g?.kind === 'grade' && g.grade === 'requires-improvement') return 4;
  return 1;
};
const weightedProviders = providers.map((p) => [p, riskWeight(p)] as const);
const T2019 = Date.UTC(2019, 0, 1);
const T2020Aug = Date.UTC(2020, 7, 31);
const signalRows: string[][] = [];
for (let i = 0; i < 1500; i++) {
  const aboutLa = rand() < 0.08;
  const type = aboutLa
    ? weighted(rand, [
        ['la-concern', 3],
        ['safeguarding-concern', 2],
        ['complaint', 1],
        ['whistleblowing', 1],
      ] as const)
    : weighted(rand, [
        ['complaint', 30],
        ['serious-event', 30],
        ['whistleblowing', 6],
        ['safeguarding-concern', 10],
        ['la-concern', 8],
        ['manager-change', 8],
        ['enforcement-action', 2],
        ['independent-report', 6],
      ] as const);
  const date = isoDay(T2019, T2020Aug);
  const provider = aboutLa ? undefined : weighted(rand, weightedProviders);
  const la = aboutLa
    ? weighted(
        rand,
        las.map((l) => [l.name, laGrade.get(l.name) === 'Inadequate' ? 6 : laGrade.get(l.name) === 'Requires improvement to be good' ? 3 : 1] as const),
      )
    : '';
  signalRows.push([
    `SIG-${String(i + 1).padStart(5, '0')}`,
    ukDate(date),
    provider?.urn ?? '',
    la,
    type,
    String(
      weighted(rand, [
        [1, 5],
        [2, 3],
        [3, 1],
      ] as const),
    ),
    type === 'enforcement-action' ? pick(rand, ['Open', 'Open', 'Closed']) : '',
    pick(rand, SUMMARIES[type]!),
    SOURCE[type]!,
  ]);
}
signalRows.sort((a, b) => a[0]!.localeCompare(b[0]!));
writeFileSync(
  resolve(root, 'samples/intelligence.synthetic.csv'),
  stringify([['Signal ID', 'Date', 'URN', 'Local authority', 'Type', 'Severity', 'Status', 'Summary', 'Source'], ...signalRows]),
);

// ---- Commissioners ----------------------------------------------------------------------------
const FIRST = [
  'Alex',
  'Bea',
  'Chris',
  'Dana',
  'Eli',
  'Fran',
  'Gita',
  'Huw',
  'Ifeoma',
  'Jo',
  'Kamal',
  'Lowri',
  'Mo',
  'Nia',
  'Owen',
  'Priya',
  'Rhys',
  'Sam',
  'Tariq',
  'Uma',
];
const LAST = ['Ahmed', 'Brown', 'Davies', 'Evans', 'Green', 'Hughes', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Patel', 'Roberts', 'Smith', 'Taylor', 'Williams'];
const commissionerRows: string[][] = [];
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
for (let i = 0; i < 20; i++) {
  const first = FIRST[i]!;
  const last = pick(rand, LAST);
  if (i < 14) {
    const la = las[Math.floor(rand() * las.length)]!;
    const also = rand() < 0.3 ? [las[Math.floor(rand() * las.length)]!.name] : [];
    const urns =
      rand() < 0.3
        ? providers
            .filter((p) => p.localAuthority !== la.name)
            .slice(i * 7, i * 7 + 2)
            .map((p) => p.urn)
        : [];
    commissionerRows.push([
      `${first} ${last}`,
      `${first.toLowerCase()}.${last.toLowerCase()}@${slug(la.name)}.example.gov.uk`,
      `${la.name} Council (synthetic)`,
      [la.name, ...also].join('; '),
      '',
      urns.join('; '),
    ]);
  } else {
    const region = OFSTED_REGIONS[i % OFSTED_REGIONS.length]!;
    commissionerRows.push([
      `${first} ${last}`,
      `${first.toLowerCase()}.${last.toLowerCase()}@${slug(region)}-consortium.example.gov.uk`,
      `${region} commissioning consortium (synthetic)`,
      '',
      region,
      '',
    ]);
  }
}
writeFileSync(
  resolve(root, 'samples/commissioners.synthetic.csv'),
  stringify([['Name', 'Email', 'Organisation', 'Local authorities', 'Regions', 'URNs'], ...commissionerRows]),
);

// ---- Factual accuracy contacts and reviewers (their own seed: the files above stay as they were) --
const people = mulberry32(2021);
const person = () => [pick(people, FIRST), pick(people, LAST)] as const;
const address = (first: string, last: string, domain: string) => `${first.toLowerCase()}.${last.toLowerCase()}@${domain}`;
const ROLE: Record<string, string> = {
  "Children's home": 'Registered manager',
  "Secure children's home": 'Registered manager',
  'Residential Family Centre': 'Registered manager',
};
const contactRows: string[][] = [];
for (const p of providers) {
  const [first, last] = person();
  contactRows.push([
    p.urn,
    '',
    `${first} ${last}`,
    address(first, last, `${p.urn.toLowerCase()}.providers.example.org.uk`),
    ROLE[p.provisionType] ?? 'Responsible individual',
  ]);
}
for (const la of las) {
  const [first, last] = person();
  contactRows.push(['', la.name, `${first} ${last}`, address(first, last, `${slug(la.name)}.example.gov.uk`), "Director of children's services"]);
}
writeFileSync(resolve(root, 'samples/contacts.synthetic.csv'), stringify([['URN', 'Local authority', 'Name', 'Email', 'Role'], ...contactRows]));

const reviewerRows: string[][] = [];
OFSTED_REGIONS.forEach((region, i) => {
  const [first, last] = person();
  // Every other region's first reviewer also covers the next region.
  const regions = i % 2 === 0 ? [region, OFSTED_REGIONS[(i + 1) % OFSTED_REGIONS.length]!] : [region];
  reviewerRows.push([`${first} ${last}`, address(first, last, 'inspectorate.example.gov.uk'), regions.join('; ')]);
});
writeFileSync(resolve(root, 'samples/reviewers.synthetic.csv'), stringify([['Name', 'Email', 'Regions reviewed'], ...reviewerRows]));

console.log(
  `Wrote ${laRows.length} LA outcomes, ${signalRows.length} intelligence signals, ${commissionerRows.length} commissioners, ${contactRows.length} contacts and ${reviewerRows.length} reviewers (all synthetic) to samples/.`,
);
