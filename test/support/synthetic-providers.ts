/**
 * Synthetic data in Ofsted's published provider format, for benchmarks and load tests that need
 * far more rows than the real file has. Deterministic for a seed. Labelled synthetic wherever used.
 */
import { OFSTED_REGIONS } from '../../shared/domain/types';
import { mulberry32, pick, weighted } from '../../shared/ingest/random';

/** The two header rows exactly as Ofsted's 2018 provider file has them. */
export const PROVIDER_FILE_HEADER = [
  'Provider information,,,,,,,,,,,,,,,,,Latest Full Inspection,,,,,,,,',
  'Web link,URN,Linked education URN,Provision type,Registration status,Name,Address 1,Address 2,Town,County,Postcode,Ofsted Region,Government Office Region,Local authority,Parliamentary constituency,Sector,Places,Event type,Inspection date,Publication date,Event number,Overall effectiveness,Outcomes for children and young people,Quality of care,Safeguarding children and young people,Leadership and management',
];

const PROVISION_TYPES: readonly (readonly [string, number])[] = [
  ["Children's home", 2038],
  ['Independent Fostering Agency', 278],
  ['Residential Special School', 150],
  ['Boarding School', 77],
  ['Voluntary Adoption Agency', 40],
  ['Residential Family Centre', 37],
  ["Secure children's home", 14],
];
const GRADES: readonly (readonly [string, number])[] = [
  ['Good', 1759],
  ['Outstanding', 548],
  ['Requires improvement to be good', 426],
  ['Inadequate', 60],
];
const SECTORS: readonly (readonly [string, number])[] = [
  ['Private', 1876],
  ['Local Authority', 491],
  ['Voluntary', 358],
];

/** Synthetic local authority names per region (not real places). */
export function syntheticLas(perRegion = 19): { name: string; region: string }[] {
  return OFSTED_REGIONS.flatMap((region, r) =>
    Array.from({ length: perRegion }, (_, i) => ({ name: `Synthetic LA ${r + 1}-${String(i + 1).padStart(2, '0')}`, region })),
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function* syntheticProviderCsv(n: number, seed: number): Generator<string> {
  const rand = mulberry32(seed);
  const las = syntheticLas();
  yield* PROVIDER_FILE_HEADER;
  for (let i = 0; i < n; i++) {
    const la = pick(rand, las);
    const type = weighted(rand, PROVISION_TYPES);
    const grade = weighted(rand, GRADES);
    const year = 2014 + Math.floor(rand() * 5);
    const date = `${pad2(1 + Math.floor(rand() * 28))}/${pad2(1 + Math.floor(rand() * 12))}/${year}`;
    const places = type === 'Independent Fostering Agency' || type === 'Voluntary Adoption Agency' ? '' : String(1 + Math.floor(rand() * 12));
    yield [
      'Ofsted Social Care Provider Webpage',
      `SC${String(i + 1).padStart(7, '0')}`,
      '',
      `"${type}"`.replace(/^"([^,]*)"$/, '$1'),
      'Active',
      `Synthetic Home ${i + 1}`,
      'REDACTED',
      'REDACTED',
      'REDACTED',
      'REDACTED',
      'REDACTED',
      `"${la.region}"`,
      `"${la.region}"`,
      la.name,
      'Synthetic Constituency',
      weighted(rand, SECTORS),
      places,
      'Full inspection',
      date,
      date,
      String(20_000_000 + i),
      grade,
      '',
      grade,
      grade,
      grade,
    ].join(',');
  }
}
