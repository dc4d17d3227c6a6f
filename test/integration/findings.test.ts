/**
 * Findings ingest against the emulators: every upload goes through the same pre-signed S3 POST
 * the page uses, then the S3 event runs the real ingest handler.
 */
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { getSubmission, getVisit, listFindingsVersions } from '../../shared/aws/findings-store';
import { createFindingsPost, findingsKey } from '../../shared/aws/presigned-post';
import type { Endpoints } from '../../infra/local/cloud';
import type { Visit } from '../../shared/domain/types';
import { keys } from '../../shared/keys';
import { getText, putObject, settle, useLocalCloud } from '../support/cloud';
import { putVisit, validFindings } from '../support/fixtures';
import { postFindings } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

async function submit(visit: Visit, body: string | Uint8Array, over: { inspector?: string; visitIdInMeta?: string } = {}) {
  const submissionId = randomUUID();
  const post = await createFindingsPost({
    s3: s3Client(),
    bucket: e.buckets.findings,
    visitId: over.visitIdInMeta ?? visit.visitId,
    submissionId,
    inspector: over.inspector ?? visit.inspector!,
  });
  const res = await postFindings(post, body);
  expect(res.ok, `S3 POST answered ${res.status}`).toBe(true);
  await settle(e);
  return { submissionId, key: findingsKey(over.visitIdInMeta ?? visit.visitId, submissionId) };
}

const s3Event = (bucket: string, key: string) => ({
  Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: bucket }, object: { key: key.split('/').map(encodeURIComponent).join('/') } } }],
});

async function reasonsOf(visitId: string, submissionId: string): Promise<string[]> {
  const status = await getSubmission(visitId, submissionId);
  expect(status?.state).toBe('rejected');
  return status!.reasons ?? [];
}

describe('findings ingest', () => {
  it('stores valid findings as version 1 and moves the visit to "findings received"', async () => {
    const visit = await putVisit();
    const { submissionId } = await submit(visit, JSON.stringify(validFindings(visit)));
    const status = await getSubmission(visit.visitId, submissionId);
    expect(status).toMatchObject({ state: 'accepted', version: 1 });
    const versions = await listFindingsVersions(visit.visitId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, inspector: visit.inspector, submissionId, findings: { goingWell: validFindings(visit).goingWell } });
    expect(versions[0]!.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The visit moves on; the report is then published from this version.
    expect(['findings-received', 'published']).toContain((await getVisit(visit.visitId))?.status);
  });

  it('keeps the earlier version when a second submission arrives', async () => {
    const visit = await putVisit();
    await submit(visit, JSON.stringify(validFindings(visit)));
    const second = await submit(visit, JSON.stringify(validFindings(visit, { needsToImprove: ['Supervision records are incomplete'] })));
    const versions = (await listFindingsVersions(visit.visitId)).sort((a, b) => a.version - b.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.findings.needsToImprove).toEqual(validFindings(visit).needsToImprove);
    expect(versions[1]!.findings.needsToImprove).toEqual(['Supervision records are incomplete']);
    expect(versions[1]!.submissionId).toBe(second.submissionId);
  });

  it('lists every findings version of a visit, past the 1 MB of one Query page', async () => {
    const visit = await putVisit();
    // Six versions of about 250 KB each (an upload may be up to 256 KB; the text here is long only to
    // fill pages): one Query page holds four.
    const findings = validFindings(visit, { childrensExperiences: 'Children said staff listen to them. '.repeat(7_000) });
    for (let version = 1; version <= 6; version++) {
      await dynamoClient().send(
        new PutCommand({ TableName: e.table, Item: { ...keys.findingsVersion(visit.visitId, version), entity: 'findings', visitId: visit.visitId, version, submissionId: `s${version}`, inspector: visit.inspector, receivedAt: new Date().toISOString(), s3Key: `findings/${visit.visitId}/s${version}.json`, findings } }),
      );
    }
    expect((await listFindingsVersions(visit.visitId)).map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects invalid JSON into quarantine with the parser message, storing nothing', async () => {
    const visit = await putVisit();
    const { submissionId } = await submit(visit, '{"schemaVersion": 1, "goingWell": [');
    const reasons = await reasonsOf(visit.visitId, submissionId);
    expect(reasons.join('\n')).toMatch(/not valid JSON/);
    expect(await listFindingsVersions(visit.visitId)).toEqual([]);
    const quarantined = JSON.parse(await getText(e.buckets.findings, `quarantine/${visit.visitId}/${submissionId}.reasons.json`)) as { reasons: string[] };
    expect(quarantined.reasons).toEqual(reasons);
    await s3Client().send(new HeadObjectCommand({ Bucket: e.buckets.findings, Key: `quarantine/${visit.visitId}/${submissionId}.json` }));
    expect((await getVisit(visit.visitId))?.status).toBe('planned');
  });

  it('reports every schema error by its field path', async () => {
    const visit = await putVisit();
    const bad = { ...validFindings(visit), goingWell: [], method: 'by-post', visitStartDate: '2020-02-30', grade: 'Good' };
    const { submissionId } = await submit(visit, JSON.stringify(bad));
    const reasons = await reasonsOf(visit.visitId, submissionId);
    const text = reasons.join('\n');
    expect(text).toMatch(/goingWell: Enter at least one thing that is going well/);
    expect(text).toMatch(/method: Select how the visit was done/);
    expect(text).toMatch(/visitStartDate: Enter a real date/);
    expect(text).toMatch(/grade/); // an unknown key: a grade can never be smuggled in
    expect(await listFindingsVersions(visit.visitId)).toEqual([]);
  });

  it('refuses an upload over the size limit before reading it', async () => {
    const visit = await putVisit();
    // s3rver does not enforce the POST policy's content-length-range (AWS does); the ingest checks again.
    const huge = JSON.stringify({ ...validFindings(visit), childrensExperiences: 'x'.repeat(300 * 1024) });
    const { submissionId } = await submit(visit, huge);
    const reasons = await reasonsOf(visit.visitId, submissionId);
    expect(reasons.join('\n')).toMatch(/over the 262144-byte limit/);
    expect(await listFindingsVersions(visit.visitId)).toEqual([]);
  });

  it('rejects findings for another visit than the one the upload was signed for', async () => {
    const visit = await putVisit();
    const other = await putVisit();
    const { submissionId } = await submit(visit, JSON.stringify(validFindings(other)));
    const reasons = await reasonsOf(visit.visitId, submissionId);
    expect(reasons.join('\n')).toMatch(new RegExp(`visitId: the findings are for ${other.visitId}, not ${visit.visitId}`));
    expect(await listFindingsVersions(visit.visitId)).toEqual([]);
    expect(await listFindingsVersions(other.visitId)).toEqual([]);
  });

  it('rejects an upload for a visit that does not exist', async () => {
    const ghost = { ...(await putVisit()), visitId: `v-ghost-${randomUUID().slice(0, 8)}` };
    const { submissionId } = await submit(ghost, JSON.stringify(validFindings(ghost)));
    expect((await reasonsOf(ghost.visitId, submissionId)).join('\n')).toMatch(/There is no visit v-ghost-/);
  });

  it('changes nothing when the same S3 event is delivered again', async () => {
    const visit = await putVisit();
    const { submissionId, key } = await submit(visit, JSON.stringify(validFindings(visit)));
    const before = await listFindingsVersions(visit.visitId);
    const { handler } = await import('../../functions/ingest-findings/handler');
    await handler(s3Event(e.buckets.findings, key) as never, {} as never);
    await settle(e);
    const after = await listFindingsVersions(visit.visitId);
    expect(after).toEqual(before);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
  });

  it('never lets a repeat delivery of a rejected upload change an accepted submission', async () => {
    const visit = await putVisit();
    const { submissionId, key } = await submit(visit, JSON.stringify(validFindings(visit)));
    // Someone overwrites the object with junk and S3 delivers an event for it: the accepted record stands.
    await putObject(e.buckets.findings, key, 'not json', 'application/json');
    await settle(e);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
    expect(await listFindingsVersions(visit.visitId)).toHaveLength(1);
  });
});
