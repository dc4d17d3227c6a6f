import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../shared/ingest/detect';
import { namesOf, normaliseHeader } from '../../../shared/ingest/header';
import { entityItems, IMPORT_KIND_NAMES, IMPORT_KINDS, type ImportKind } from '../../../shared/ingest/kinds';
import { keys } from '../../../shared/keys';
import { SYNTHETIC_SAMPLES } from '../../support/samples';

const root = resolve(import.meta.dirname, '..', '..', '..');
const headOf = (file: string) =>
  readFileSync(resolve(root, file), 'utf8')
    .split(/\r?\n/)
    .slice(0, 2)
    .map((l) => l.split(','));

describe('telling the kind of a file from its header', () => {
  it('recognises every sample file as its kind', () => {
    const [providersGroup, providersHeader] = headOf('samples/ofsted/providers-as-at-2018-03-31.csv');
    const [inspectionsGroup, inspectionsHeader] = headOf('samples/ofsted/inspections-in-year-2017-18.csv');
    expect(detectKind(providersHeader!, providersGroup)).toEqual({ ok: true, kind: 'providers' });
    expect(detectKind(inspectionsHeader!, inspectionsGroup)).toEqual({ ok: true, kind: 'inspections' });
    for (const [file, kind] of SYNTHETIC_SAMPLES) {
      expect(detectKind(headOf(file)[0]!, undefined), file).toEqual({ ok: true, kind });
    }
  });

  it('recognises a header of every column of a kind, each under its name or any of its aliases, in any order', () => {
    const kinds = IMPORT_KIND_NAMES;
    const header = (kind: ImportKind) =>
      fc
        .tuple(...Object.values(IMPORT_KINDS[kind].columns).map((c) => fc.constantFrom(...namesOf(c))))
        .chain((names) => fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }));
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds).chain((kind) => header(kind).map((names) => [kind, names] as const)),
        ([kind, names]) => {
          const word = IMPORT_KINDS[kind].detection.groupRow;
          const group = word ? ['Provider information', word] : undefined;
          expect(detectKind(names, group)).toEqual({ ok: true, kind });
        },
      ),
      { numRuns: 700 },
    );
  });

  it('refuses to guess between lists of people: commissioners receive restricted briefings, contacts must not', () => {
    expect(detectKind(['Name', 'Email', 'URN'], undefined)).toEqual({ ok: false, candidates: ['commissioners', 'contacts'] });
    expect(detectKind(['Name', 'Email'], undefined)).toEqual({ ok: false, candidates: ['commissioners', 'contacts', 'reviewers'] });
    expect(detectKind(['Name', 'Email', 'Organisation', 'Role'], undefined)).toEqual({ ok: false, candidates: ['commissioners', 'contacts'] });
    expect(detectKind(['Name', 'Email', 'Regions'], undefined)).toEqual({ ok: true, kind: 'commissioners' });
    expect(detectKind(['Name', 'Email', 'Regions reviewed'], undefined)).toEqual({ ok: true, kind: 'reviewers' });
    expect(detectKind(['URN', 'Name', 'Email', 'Role'], undefined)).toEqual({ ok: true, kind: 'contacts' });
  });

  it('recognises nothing in a header of unknown columns', () => {
    expect(detectKind(['Colour', 'Shape'], undefined)).toEqual({ ok: false, candidates: [] });
  });

  it('keeps each kind consistent: distinctive columns and the duplicate field are among its own columns', () => {
    for (const kind of IMPORT_KIND_NAMES) {
      const spec = IMPORT_KINDS[kind];
      const own = new Set(Object.values(spec.columns).flatMap(namesOf).map(normaliseHeader));
      for (const d of spec.detection.distinctive ?? []) expect(own, `${kind}: ${d}`).toContain(normaliseHeader(d));
      expect(Object.keys(spec.columns), kind).toContain(spec.duplicate.field);
    }
  });
});

describe('the contacts and reviewers kinds', () => {
  const row = <K extends ImportKind>(kind: K, raw: Record<string, string>) => IMPORT_KINDS[kind].parseRow(raw, { snapshotId: 's' });

  it('stores a provider contact under the provider and an LA contact under the LA, so a Query on either finds them', () => {
    const provider = row('contacts', { urn: 'SC000001', name: 'Ann Lee', email: 'Ann.Lee@Home.example.org.uk', role: 'Registered manager' });
    const la = row('contacts', { localAuthority: 'Leeds', name: 'Bo Ray', email: 'bo@leeds.example.gov.uk', role: '' });
    expect(provider).toMatchObject({ ok: true, entity: { urn: 'SC000001', email: 'ann.lee@home.example.org.uk', role: 'Registered manager' } });
    expect(la).toMatchObject({ ok: true, entity: { localAuthority: 'Leeds' } });
    const items = [
      ...(provider.ok ? entityItems({ kind: 'contacts', entity: provider.entity }) : []),
      ...(la.ok ? entityItems({ kind: 'contacts', entity: la.entity }) : []),
    ];
    expect(items).toEqual([
      expect.objectContaining({ ...keys.contact({ urn: 'SC000001' }, 'ann.lee@home.example.org.uk'), entity: 'contact' }),
      expect.objectContaining({ ...keys.contact({ localAuthority: 'Leeds' }, 'bo@leeds.example.gov.uk'), entity: 'contact' }),
    ]);
    expect(items[0]).toMatchObject({ pk: 'PROVIDER#SC000001' });
    expect(String(items[0]?.sk)).toMatch(/^CONTACT#/);
    expect(items[1]).toMatchObject({ pk: 'LA#Leeds' });
  });

  it('stores a reviewer once for each region reviewed, a region named twice once', () => {
    const r = row('reviewers', { name: 'Ann Lee', email: 'ann@inspectorate.example.gov.uk', regions: 'London; north west; London' });
    expect(r).toMatchObject({ ok: true, entity: { regions: ['London', 'North West'] } });
    const items = r.ok ? entityItems({ kind: 'reviewers', entity: r.entity }) : [];
    expect(items.map((i) => [i.pk, i.sk])).toEqual([
      ['REVIEWERS#London', 'ann@inspectorate.example.gov.uk'],
      ['REVIEWERS#North West', 'ann@inspectorate.example.gov.uk'],
    ]);
  });
});
