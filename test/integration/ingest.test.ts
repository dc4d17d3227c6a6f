/**
 * Imports through the real path: an upload to s3rver's imports/ prefix -> the S3 event (key
 * URL-encoded) -> the ingest handler -> DynamoDB Local, and the import report beside the upload.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { prefixes } from '../../infra/catalogue';
import type { Endpoints } from '../../infra/local/cloud';
import { dynamoClient } from '../../shared/aws/clients';
import { confirmationKey, CONFIRM_METADATA, reportKeys } from '../../shared/aws/import-adapter';
import { scanEntities } from '../../shared/aws/scan';
import { parseImportReport, type ImportReport } from '../../shared/ingest/report';
import { keys } from '../../shared/keys';
import { getText, putObject, settle, uniqueKey, useLocalCloud } from '../support/cloud';
import { controlLocalCloud } from '../../infra/local/cloud';
import { SYNTHETIC_SAMPLES } from '../support/samples';

const root = resolve(import.meta.dirname, '..', '..');
const providersFile = resolve(root, 'samples/ofsted/providers-as-at-2018-03-31.csv');
const inspectionsFile = resolve(root, 'samples/ofsted/inspections-in-year-2017-18.csv');

let e: Endpoints;

/**
 * Upload and wait for the report. Provider files are confirmed (as `--confirm-closures` does) unless
 * a test says otherwise: the table is shared with other test files, so a small provider file would
 * otherwise be held by the snapshot guard, which has tests of its own below.
 */
async function importBytes(
  name: string,
  body: string | Uint8Array,
  options: { confirm?: boolean } = {},
): Promise<{ report: ImportReport; text: string; key: string }> {
  const key = uniqueKey(prefixes.imports, name);
  await putObject(e.buckets.imports, key, body, 'text/csv', options.confirm === false ? undefined : { [CONFIRM_METADATA]: 'yes' });
  await settle(e);
  return { ...(await readReport(key)), key };
}

async function readReport(key: string): Promise<{ report: ImportReport; text: string }> {
  const out = reportKeys(key);
  const report = parseImportReport(JSON.parse(await getText(e.buckets.imports, out.json)));
  if (!report) throw new Error(`no import report at ${out.json}`);
  return { report, text: await getText(e.buckets.imports, out.text) };
}

async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await dynamoClient().send(new GetCommand({ TableName: e.table, Key: key }))).Item;
}

/** A provider-file header (two rows, as published) plus the given data rows. */
const HEADER = readFileSync(providersFile, 'utf8').split('\n').slice(0, 2).join('\n');
function providerRow(over: Partial<Record<string, string>> = {}): string {
  const v = {
    urn: 'SC900001',
    name: 'Test Home',
    type: "Children's home",
    la: 'Testshire',
    region: 'North West',
    places: '4',
    date: '12/03/2019',
    grade: 'Good',
    event: '90000001',
    ...over,
  };
  return [
    'Ofsted Social Care Provider Webpage',
    v.urn,
    '',
    v.type,
    'Active',
    v.name,
    'REDACTED',
    'REDACTED',
    'REDACTED',
    'REDACTED',
    'REDACTED',
    v.region,
    v.region,
    v.la,
    'Somewhere',
    'Private',
    v.places,
    'Full inspection',
    v.date,
    '20/04/2019',
    v.event,
    v.grade,
    '',
    'Good',
    'Good',
    'Good',
  ]
    .map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(',');
}

beforeAll(() => {
  e = useLocalCloud();
});

describe('importing Ofsted provider data', () => {
  it('accepts every one of the 2,797 rows of the real 2018 provider file and stores each provider', async () => {
    const { report } = await importBytes('providers-as-at-2018-03-31.csv', readFileSync(providersFile));
    expect(report).toMatchObject({ kind: 'providers', status: 'accepted', rows: 2797, accepted: 2797 });
    expect(report.rejected).toEqual([]);

    const lines = readFileSync(providersFile, 'utf8').split('\n').slice(2).filter(Boolean);
    const urns = lines.map((l) => l.split(',')[1]!);
    const stored = await Promise.all(urns.map((urn) => getItem(keys.provider(urn))));
    expect(stored.filter(Boolean).length).toBe(2797);
    const medway = await getItem(keys.provider('1027076'));
    expect(medway).toMatchObject({ name: 'Medway Secure Training Centre', localAuthority: 'Medway', region: 'South East', status: 'open' });
    expect((medway?.latestFullInspection as { inspectionDate: string }).inspectionDate).toBe('2016-06-24');
  });

  it('imports the in-year inspection events as inspection history per URN', async () => {
    const { report } = await importBytes('inspections-in-year-2017-18.csv', readFileSync(inspectionsFile));
    expect(report).toMatchObject({ kind: 'inspections', status: 'accepted', rows: 3488, accepted: 3488 });
    const history = await dynamoClient().send(
      new QueryCommand({
        TableName: e.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': 'PROVIDER#1027077', ':sk': 'INSPECTION#' },
      }),
    );
    expect(history.Items?.length).toBeGreaterThanOrEqual(1);
  });

  it('gives identical state and counts when the same file is uploaded twice', async () => {
    const body = `${HEADER}\n${providerRow({ urn: 'SC910001' })}\n${providerRow({ urn: 'SC910002', event: '90000002' })}\n`;
    const first = await importBytes('twice.csv', body);
    const before = await getItem(keys.provider('SC910001'));
    const second = await importBytes('twice.csv', body);
    const after = await getItem(keys.provider('SC910001'));
    expect(second.report).toMatchObject({ rows: first.report.rows, accepted: first.report.accepted, rejected: first.report.rejected });
    expect(after).toEqual(before);
  });

  it('keeps valid rows and rejects bad ones with line number, column and reason', async () => {
    const body = [
      HEADER,
      providerRow({ urn: 'SC920001' }),
      providerRow({ urn: 'SC920002', date: '31/02/2019', event: '2' }),
      providerRow({ urn: 'SC920003', grade: 'Brilliant', event: '3' }),
      providerRow({ urn: 'SC920004', places: '-2', event: '4' }),
      providerRow({ urn: 'SC920001', event: '5' }),
      providerRow({ urn: '', event: '6' }),
      '',
    ].join('\n');
    const { report, text } = await importBytes('bad-rows.csv', body);
    expect(report.status).toBe('accepted with rejections');
    expect(report.accepted).toBe(1);
    const byLine = new Map(report.rejected.map((r) => [r.line, r]));
    expect(byLine.get(4)?.column).toBe('Inspection date');
    expect(byLine.get(5)?.column).toBe('Overall effectiveness');
    expect(byLine.get(5)?.reason).toContain('Brilliant');
    expect(byLine.get(6)?.column).toBe('Places');
    expect(byLine.get(7)?.reason).toContain('line 3');
    expect(byLine.get(8)?.column).toBe('URN');
    expect(text).toContain('line 4');
    expect(await getItem(keys.provider('SC920001'))).toBeDefined();
    expect(await getItem(keys.provider('SC920002'))).toBeUndefined();
  });

  it('rejects a file with missing required columns and names them with their accepted aliases', async () => {
    const { report } = await importBytes('no-urn.csv', 'Name,Town\nA home,Leeds\n');
    expect(report.status).toBe('rejected');
    expect(report.error).toMatch(/URN/);
  });

  it('rejects an empty file and a binary file with a clear message and no crash', async () => {
    const empty = await importBytes('empty.csv', '');
    expect(empty.report.status).toBe('rejected');
    expect(empty.report.error).toMatch(/empty/i);
    const binary = await importBytes('image.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(binary.report.status).toBe('rejected');
    expect(binary.report.error).toMatch(/binary|not a CSV|text/i);
  });

  it('reads Windows-1252, a UTF-8 BOM and CRLF line ends alike', async () => {
    const body = `${HEADER}\n${providerRow({ urn: 'SC930001', name: 'Cartref Ynys Môn £' })}\n`;
    const cp1252 = await importBytes('cp1252.csv', iconv.encode(body.replace(/\n/g, '\r\n'), 'win1252'));
    expect(cp1252.report.accepted).toBe(1);
    expect((await getItem(keys.provider('SC930001')))?.name).toBe('Cartref Ynys Môn £');
    const bom = await importBytes('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body.replace('SC930001', 'SC930002'))]));
    expect(bom.report.accepted).toBe(1);
  });

  it('handles a key with spaces and special characters, URL-encoded in the S3 event', async () => {
    const { report } = await importBytes('my providers (final) #2.csv', `${HEADER}\n${providerRow({ urn: 'SC940001' })}\n`);
    expect(report.accepted).toBe(1);
  });

  it('marks providers absent from a newer full snapshot as closed, never deleting them (confirmed snapshots)', async () => {
    await importBytes('snap-1.csv', `${HEADER}\n${providerRow({ urn: 'SC950001' })}\n${providerRow({ urn: 'SC950002', event: '7' })}\n`);
    const { report } = await importBytes('snap-2.csv', `${HEADER}\n${providerRow({ urn: 'SC950001', name: 'Renamed Home' })}\n`);
    expect(report.closed).toBeGreaterThanOrEqual(1);
    const absent = await getItem(keys.provider('SC950002'));
    expect(absent).toMatchObject({ status: 'closed' });
    expect(typeof absent?.name).toBe('string');
    // Out of the open providers index, so the next snapshot does not read it again.
    expect(absent).not.toHaveProperty('gsi2pk');
    expect(await getItem(keys.provider('SC950001'))).toMatchObject({ status: 'open', name: 'Renamed Home' });

    // The same snapshot delivered again under another name closes nothing more; a later snapshot that lists it reopens it.
    const again = await importBytes('snap-2-copy.csv', `${HEADER}\n${providerRow({ urn: 'SC950001', name: 'Renamed Home' })}\n`);
    expect(again.report.closed).toBe(0);
    await importBytes('snap-3.csv', `${HEADER}\n${providerRow({ urn: 'SC950001' })}\n${providerRow({ urn: 'SC950002', event: '8' })}\n`);
    const reopened = await getItem(keys.provider('SC950002'));
    expect(reopened).toMatchObject({ status: 'open' });
    expect(String(reopened?.gsi2pk)).toMatch(/^OPEN_PROVIDERS#/);
  });

  it('changes nothing when the same S3 event is delivered twice', async () => {
    const key = uniqueKey(prefixes.imports, 'repeat.csv');
    await putObject(e.buckets.imports, key, `${HEADER}\n${providerRow({ urn: 'SC960001' })}\n`);
    await settle(e);
    const firstReport = await getText(e.buckets.imports, reportKeys(key).json);
    const { handler } = await import('../../functions/ingest-import/handler');
    const event = {
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: e.buckets.imports }, object: { key: key.split('/').map(encodeURIComponent).join('/') } } },
      ],
    };
    await handler(event as never, {} as never);
    expect(await getText(e.buckets.imports, reportKeys(key).json)).toBe(firstReport);
  });

  it('imports the synthetic LA outcomes, intelligence, commissioners, contacts and reviewers samples without a rejected row or a warning', async () => {
    await importBytes('providers-as-at-2018-03-31.csv', readFileSync(providersFile));
    for (const [file, kind] of SYNTHETIC_SAMPLES) {
      const { report } = await importBytes(file.split('/').pop()!, readFileSync(resolve(root, file)));
      expect(report).toMatchObject({ kind, status: 'accepted', rejected: [], warnings: [] });
      expect(report.accepted).toBe(report.rows);
    }
    const las = (await scanEntities(['la-outcome'])).get('la-outcome') ?? [];
    expect(las.length).toBe(152);
  });

  it('stores contacts under their provider or LA and reviewers under each region, found with one Query each', async () => {
    const query = async (pk: string, prefix?: string) =>
      (
        await dynamoClient().send(
          new QueryCommand({
            TableName: e.table,
            KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':sk': prefix } : {}) },
          }),
        )
      ).Items ?? [];
    const medway = keys.contactsPrefix({ urn: '1027076' });
    const medwayContacts = await query(medway.pk, medway.skPrefix);
    expect(medwayContacts).toEqual([expect.objectContaining({ entity: 'contact', urn: '1027076', role: 'Responsible individual' })]);
    expect(String(medwayContacts[0]?.email)).toMatch(/@1027076\.providers\.example\.org\.uk$/);
    const leeds = keys.contactsPrefix({ localAuthority: 'Leeds' });
    expect(await query(leeds.pk, leeds.skPrefix)).toEqual([
      expect.objectContaining({ entity: 'contact', localAuthority: 'Leeds', role: "Director of children's services" }),
    ]);
    const london = await query(keys.reviewer('London', 'x').pk);
    expect(london.length).toBeGreaterThanOrEqual(1);
    expect(london.every((r) => r.entity === 'reviewer' && (r.regions as string[]).includes('London'))).toBe(true);
  });
});

describe('a file with broken rows (issue 14)', () => {
  it('stores the valid rows of a file with a bad quote and an unclosed quote, writes the report, and parks nothing', async () => {
    const before = await controlLocalCloud<{ parked: number }>(e.web, 'stats');
    const tag = Date.now().toString(36).toUpperCase();
    const body = [
      'Signal ID,Date,URN,Local authority,Type,Severity,Status,Summary,Source',
      `Q${tag}-1,01/02/2020,1027076,,complaint,1,,Parent complaint,Email`,
      `Q${tag}-2,01/02/2020,1027076,,complaint,1,,Al "Bo" Cy,Email`,
      `Q${tag}-3,02/02/2020,1027076,,complaint,1,,"never closed,Email`,
      `Q${tag}-4,03/02/2020,1027076,,whistleblowing,2,,Staffing levels,Hotline`,
      '',
    ].join('\n');
    const { report, text } = await importBytes('bad-quotes.csv', body);
    expect(report).toMatchObject({ kind: 'intelligence', status: 'accepted with rejections', rows: 4, accepted: 2 });
    expect(report.rejected.map((r) => [r.line, r.column])).toEqual([
      [3, 'Summary'],
      [4, undefined],
    ]);
    expect(report.rejected[0]?.reason).toMatch(/^"Summary" has a quote/);
    expect(report.rejected[1]?.reason).toMatch(/never closed/);
    expect(text).toContain('Outcome: accepted with rejections');
    expect(await getItem(keys.signal({ urn: '1027076' }, '2020-02-01', `Q${tag}-1`))).toBeDefined();
    expect(await getItem(keys.signal({ urn: '1027076' }, '2020-02-03', `Q${tag}-4`))).toBeDefined();
    expect(await getItem(keys.signal({ urn: '1027076' }, '2020-02-01', `Q${tag}-2`))).toBeUndefined();
    const after = await controlLocalCloud<{ parked: number }>(e.web, 'stats');
    expect(after.parked).toBe(before.parked);
  });

  it('keeps a signal for a URN no provider file has listed, with a warning in the report', async () => {
    const body = 'Signal ID,Date,URN,Local authority,Type,Summary\nW-1,01/02/2020,1027076,,complaint,Known\nW-2,01/02/2020,SC99999999,,complaint,Unknown\n';
    const { report, text } = await importBytes('unknown-urn.csv', body);
    expect(report).toMatchObject({ status: 'accepted', accepted: 2 });
    expect(report.warnings.map((w) => [w.line, w.column])).toEqual([[3, 'URN']]);
    expect(report.warnings[0]?.reason).toMatch(/^SC99999999 is not a provider we hold/);
    expect(text).toContain('Accepted with a warning:');
    expect(await getItem(keys.signal({ urn: 'SC99999999' }, '2020-02-01', 'W-2'))).toBeDefined();
  });
});

describe('the snapshot guard', () => {
  const realFile = () => readFileSync(providersFile);

  it('holds a partial provider file: nothing it leaves out is closed until a confirmation object applies it, once', async () => {
    await importBytes('providers-as-at-2018-03-31.csv', realFile());
    const partial = `${HEADER}\n${readFileSync(providersFile, 'utf8').split('\n').slice(2, 5).join('\n')}\n`;
    const { report, key } = await importBytes('providers-partial.csv', partial, { confirm: false });
    expect(report).toMatchObject({ kind: 'providers', status: 'held', accepted: 3, held: { reason: 'closures' } });
    expect(report.held?.wouldClose).toBeGreaterThanOrEqual(2794);
    expect(report.held?.confirm).toContain(confirmationKey(key));
    expect(await getItem(keys.provider('1027076'))).toMatchObject({ status: 'open' });

    await putObject(e.buckets.imports, confirmationKey(key), '');
    await settle(e);
    const applied = await readReport(key);
    expect(applied.report).toMatchObject({ status: 'accepted', accepted: 3, closed: report.held?.wouldClose });
    const absent = readFileSync(providersFile, 'utf8').split('\n')[10]!.split(',')[1]!;
    expect(await getItem(keys.provider(absent))).toMatchObject({ status: 'closed' });

    // A second confirmation changes nothing.
    await putObject(e.buckets.imports, confirmationKey(key), 'again');
    await settle(e);
    expect((await readReport(key)).report).toEqual(applied.report);

    // Put the real snapshot back for the tests that follow.
    expect((await importBytes('providers-as-at-2018-03-31.csv', realFile())).report.status).toBe('accepted');
    expect(await getItem(keys.provider(absent))).toMatchObject({ status: 'open' });
  });

  it('holds a snapshot dated before the latest applied, writing nothing from it', async () => {
    await importBytes('providers-as-at-2018-03-31.csv', realFile());
    const { report } = await importBytes('providers-as-at-2017-03-31.csv', `${HEADER}\n${providerRow({ urn: 'SC970001' })}\n`, { confirm: false });
    expect(report).toMatchObject({ status: 'held', asAt: '2017-03-31', rows: 0, held: { reason: 'older', latestAsAt: '2018-03-31' } });
    expect(await getItem(keys.provider('SC970001'))).toBeUndefined();
  });
});
