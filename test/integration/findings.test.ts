/**
 * Findings ingest against the emulators: every upload goes through a pre-signed S3 POST issued the
 * way the findings page issues it (or, for the attacks, around it), then the S3 event runs the real
 * ingest handler. Uploads that cannot be trusted end in quarantine with their reasons, and nothing
 * is stored, reviewed or published.
 */
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { dynamoClient } from '../../shared/aws/clients';
import { s3Client } from '../../shared/aws/s3-client';
import { getSubmission, getVisit, listFindingsVersions } from '../../shared/aws/findings-store';
import { createFindingsPost, findingsKey } from '../../shared/aws/presigned-post';
import { getPublication } from '../../shared/aws/publication-store';
import type { Visit } from '../../shared/domain/types';
import { keys } from '../../shared/keys';
import { getText, settle, useLocalCloud } from '../support/cloud';
import { putVisit, validFindings } from '../support/fixtures';
import { issueUpload } from '../support/publication';
import { postFindings } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

async function submit(visit: Visit, body: string | Uint8Array) {
  const { post, submissionId, key } = await issueUpload(e, visit);
  const res = await postFindings(post, body);
  expect(res.ok, `S3 POST answered ${res.status}`).toBe(true);
  await settle(e);
  return { submissionId, key, post };
}

const s3Event = (bucket: string, key: string) => ({
  Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: bucket }, object: { key: key.split('/').map(encodeURIComponent).join('/') } } }],
});

async function reasonsOf(visitId: string, submissionId: string): Promise<string[]> {
  const status = await getSubmission(visitId, submissionId);
  expect(status?.state).toBe('rejected');
  return status!.reasons ?? [];
}

async function quarantineReasons(visitId: string, submissionId: string): Promise<string[]> {
  return (JSON.parse(await getText(e.buckets.findings, `quarantine/${visitId}/${submissionId}.reasons.json`)) as { reasons: string[] }).reasons;
}

/** Nothing stored, nothing in review, nothing public. */
async function expectNothingFrom(visit: Visit) {
  expect(await listFindingsVersions(visit.visitId)).toEqual([]);
  expect(await getPublication(visit.visitId)).toBeUndefined();
  expect((await getVisit(visit.visitId))?.status).toBe('planned');
}

describe('findings ingest', () => {
  it('stores valid findings as version 1, in review with a reviewer, and moves the visit to "findings received"', async () => {
    const visit = await putVisit();
    const { submissionId } = await submit(visit, JSON.stringify(validFindings(visit)));
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
    const versions = await listFindingsVersions(visit.visitId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, inspector: visit.inspector, submissionId, findings: { goingWell: validFindings(visit).goingWell } });
    expect(versions[0]!.objectVersion).toBeTruthy();
    expect((await getVisit(visit.visitId))?.status).toBe('findings-received');
    // Nothing is public on upload: the findings went to a reviewer.
    const publication = await getPublication(visit.visitId);
    expect(publication).toMatchObject({ state: 'in-review', version: 1, edition: 0 });
    expect(publication?.reviewer).toContain('@');
  });

  it('lists every findings version of a visit, past the 1 MB of one Query page', async () => {
    const visit = await putVisit();
    // Six versions of about 250 KB each (an upload may be up to 256 KB; the text here is long only to
    // fill pages): one Query page holds four.
    const findings = validFindings(visit, { childrensExperiences: 'Children said staff listen to them. '.repeat(7_000) });
    for (let version = 1; version <= 6; version++) {
      await dynamoClient().send(
        new PutCommand({
          TableName: e.table,
          Item: {
            ...keys.findingsVersion(visit.visitId, version),
            entity: 'findings',
            visitId: visit.visitId,
            version,
            submissionId: `s${version}`,
            inspector: visit.inspector,
            receivedAt: new Date().toISOString(),
            s3Key: `findings/${visit.visitId}/s${version}.json`,
            findings,
          },
        }),
      );
    }
    expect((await listFindingsVersions(visit.visitId)).map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects invalid JSON into quarantine with the parser message, storing nothing', async () => {
    const visit = await putVisit();
    const { submissionId } = await submit(visit, '{"schemaVersion": 1, "goingWell": [');
    const reasons = await reasonsOf(visit.visitId, submissionId);
    expect(reasons.join('\n')).toMatch(/not valid JSON/);
    expect(await quarantineReasons(visit.visitId, submissionId)).toEqual(reasons);
    await s3Client().send(new HeadObjectCommand({ Bucket: e.buckets.findings, Key: `quarantine/${visit.visitId}/${submissionId}.json` }));
    await expectNothingFrom(visit);
  });

  it('reports every schema error by its field path', async () => {
    const visit = await putVisit();
    const bad = { ...validFindings(visit), goingWell: [], method: 'by-post', visitStartDate: '2020-02-30', grade: 'Good' };
    const { submissionId } = await submit(visit, JSON.stringify(bad));
    const text = (await reasonsOf(visit.visitId, submissionId)).join('\n');
    expect(text).toMatch(/goingWell: Enter at least one thing that is going well/);
    expect(text).toMatch(/method: Select how the visit was done/);
    expect(text).toMatch(/visitStartDate: Enter a real date/);
    expect(text).toMatch(/grade/); // an unknown key: a grade can never be smuggled in
    await expectNothingFrom(visit);
  });

  it('refuses an upload over the size limit before reading it', async () => {
    const visit = await putVisit();
    // s3rver does not enforce the POST policy's content-length-range (AWS does); the ingest checks again.
    const huge = JSON.stringify({ ...validFindings(visit), childrensExperiences: 'x'.repeat(300 * 1024) });
    const { submissionId } = await submit(visit, huge);
    expect((await reasonsOf(visit.visitId, submissionId)).join('\n')).toMatch(/over the 262144-byte limit/);
    await expectNothingFrom(visit);
  });

  it('rejects findings for another visit than the one the upload was issued for', async () => {
    const visit = await putVisit();
    const other = await putVisit();
    const { submissionId } = await submit(visit, JSON.stringify(validFindings(other)));
    expect((await reasonsOf(visit.visitId, submissionId)).join('\n')).toMatch(
      new RegExp(`visitId: the findings are for ${other.visitId}, not ${visit.visitId}`),
    );
    await expectNothingFrom(visit);
    await expectNothingFrom(other);
  });

  it('quarantines a forged upload (an object put under findings/ with a made-up submission id), publishing nothing', async () => {
    const visit = await putVisit();
    const submissionId = randomUUID();
    await s3Client().send(
      new PutObjectCommand({
        Bucket: e.buckets.findings,
        Key: findingsKey(visit.visitId, submissionId),
        Body: JSON.stringify(validFindings(visit)),
        ContentType: 'application/json',
        Metadata: { 'visit-id': visit.visitId, 'submission-id': submissionId, inspector: visit.inspector! },
      }),
    );
    await settle(e);
    expect((await quarantineReasons(visit.visitId, submissionId)).join('\n')).toMatch(/was not issued by the findings page for visit/);
    expect((await reasonsOf(visit.visitId, submissionId)).join('\n')).toMatch(/was not issued/);
    await expectNothingFrom(visit);
  });

  it('quarantines an upload from another inspector than the one the form was issued to', async () => {
    const visit = await putVisit();
    const submissionId = randomUUID();
    await issueUploadFor(visit, submissionId, visit.inspector!);
    // A form signed for someone else (s3rver does not check POST policies; AWS would refuse it earlier).
    const post = await createFindingsPost({
      s3: s3Client(),
      bucket: e.buckets.findings,
      visitId: visit.visitId,
      submissionId,
      inspector: 'mallory@example.com',
    });
    expect((await postFindings(post, JSON.stringify(validFindings(visit)))).ok).toBe(true);
    await settle(e);
    expect((await reasonsOf(visit.visitId, submissionId)).join('\n')).toMatch(/says it is from "mallory@example\.com", but this visit's form was issued to/);
    await expectNothingFrom(visit);
  });

  it('quarantines an upload that is not application/json, even under an issued submission', async () => {
    const visit = await putVisit();
    const { submissionId, key } = await issueUpload(e, visit);
    await s3Client().send(
      new PutObjectCommand({
        Bucket: e.buckets.findings,
        Key: key,
        Body: '<html>findings</html>',
        ContentType: 'text/html',
        Metadata: { 'visit-id': visit.visitId, 'submission-id': submissionId, inspector: visit.inspector! },
      }),
    );
    await settle(e);
    expect((await reasonsOf(visit.visitId, submissionId)).join('\n')).toMatch(/of type "text\/html", not application\/json/);
    await expectNothingFrom(visit);
  });

  it('uses a submission id once: a replayed form is quarantined and the recorded version stands', async () => {
    const visit = await putVisit();
    const { submissionId, post } = await submit(visit, JSON.stringify(validFindings(visit)));
    // The same pre-signed POST again, within its 15 minutes, with other content.
    expect((await postFindings(post, JSON.stringify(validFindings(visit, { goingWell: ['Swapped in behind the recorded version'] })))).ok).toBe(true);
    await settle(e);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
    const versions = await listFindingsVersions(visit.visitId);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.findings.goingWell).toEqual(validFindings(visit).goingWell);
    const stored = await listQuarantine(visit.visitId);
    expect(stored.some((r) => r.reasons.some((x) => /already used for an upload/.test(x)))).toBe(true);
  });

  it('changes nothing when the same S3 event is delivered again', async () => {
    const visit = await putVisit();
    const { submissionId, key } = await submit(visit, JSON.stringify(validFindings(visit)));
    const before = { versions: await listFindingsVersions(visit.visitId), publication: await getPublication(visit.visitId) };
    const { handler } = await import('../../functions/ingest-findings/handler');
    await handler(s3Event(e.buckets.findings, key) as never, {} as never);
    await settle(e);
    expect(await listFindingsVersions(visit.visitId)).toEqual(before.versions);
    expect(await getPublication(visit.visitId)).toEqual(before.publication);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
  });
});

async function issueUploadFor(visit: Visit, submissionId: string, inspector: string) {
  const { recordSubmissionWaiting } = await import('../../shared/aws/findings-store');
  await recordSubmissionWaiting(visit.visitId, submissionId, inspector);
}

async function listQuarantine(visitId: string): Promise<{ reasons: string[] }[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: e.buckets.findings, Prefix: `quarantine/${visitId}/` }));
  const keysFound = (out.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.reasons.json'));
  return Promise.all(keysFound.map(async (k) => JSON.parse(await getText(e.buckets.findings, k)) as { reasons: string[] }));
}
