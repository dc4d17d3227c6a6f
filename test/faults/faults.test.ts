/**
 * Faults against the emulators. Each case counts: events sent, processed, parked (failure
 * destination / DLQ), lost (must be 0) and duplicated side effects (must be 0), then redrives
 * what was parked, as `npm run redrive` does.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { prefixes } from '../../infra/catalogue';
import { controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { s3Client } from '../../shared/aws/clients';
import { getSubmission, listFindingsVersions } from '../../shared/aws/findings-store';
import { findingsKey } from '../../shared/aws/presigned-post';
import { getPublication } from '../../shared/aws/publication-store';
import { scanEntities } from '../../shared/aws/scan';
import { getText, putObject, settle, uniqueKey, useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit, validFindings } from '../support/fixtures';
import { approve, issueUpload, runPublicationSchedule, submitFindings } from '../support/publication';
import { mailbox, postFindings } from '../support/submit';
import { reportKeys } from '../../shared/aws/import-adapter';
import type { ImportReport } from '../../shared/domain/types';
import { syntheticProviderCsv } from '../support/synthetic-csv';

interface Stats {
  invoked: number;
  succeeded: number;
  retried: number;
  parked: number;
  messagesParked: number;
}

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

const stats = () => controlLocalCloud<Stats>(e.web, 'stats');
const redrive = () => controlLocalCloud<{ replayed: number; succeeded: number; failed: number }>(e.web, 'redrive');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function summary(name: string, counts: { sent: number; processed: number; parked: number; lost: number; duplicates: number }) {
  console.log(`[fault] ${name}: sent ${counts.sent}, processed ${counts.processed}, parked ${counts.parked}, lost ${counts.lost}, duplicate side effects ${counts.duplicates}`);
  expect(counts.lost).toBe(0);
  expect(counts.duplicates).toBe(0);
}

describe('faults', () => {
  it('DynamoDB goes away in the middle of an import: the import is retried or parked, then redriven, with every row stored once', async () => {
    const prefix = `SCF${randomUUID().replace(/[^0-9A-F]/gi, '').slice(0, 4).toUpperCase()}`;
    const rows = 3_000;
    const key = uniqueKey(prefixes.imports, 'fault-dynamo.csv');
    const before = await stats();
    await putObject(e.buckets.imports, key, syntheticProviderCsv(rows, prefix));
    await sleep(300); // the handler is now writing batches
    await controlLocalCloud(e.web, 'dynamodb-stop');
    await sleep(1_500);
    await controlLocalCloud(e.web, 'dynamodb-restart');
    await settle(e);
    const mid = await stats();
    const parked = mid.parked - before.parked;
    if (parked > 0) {
      const r = await redrive();
      expect(r.failed).toBe(0);
      await settle(e);
    }
    const report = JSON.parse(await getText(e.buckets.imports, reportKeys(key).json)) as ImportReport;
    expect(report).toMatchObject({ status: 'accepted', rows, accepted: rows, rejected: [] });
    const providers = ((await scanEntities(['provider'])).get('provider') ?? []).filter((p) => String(p.urn).startsWith(prefix));
    const distinct = new Set(providers.map((p) => p.urn));
    summary('DynamoDB stop/restart mid-import', { sent: rows, processed: distinct.size, parked, lost: rows - distinct.size, duplicates: providers.length - distinct.size });
  });

  it('an S3 object that cannot be read is retried, parked, and processed by a redrive once it is readable', async () => {
    const visit = await putVisit();
    const { post, submissionId } = await issueUpload(e, visit);
    const key = findingsKey(visit.visitId, submissionId);
    const body = JSON.stringify(validFindings(visit));
    const before = await stats();
    // The object disappears between the event and the read (a read failure as the handler sees it).
    await postFindings(post, body);
    await s3Client().send(new DeleteObjectCommand({ Bucket: e.buckets.findings, Key: key }));
    await settle(e);
    const after = await stats();
    const parked = after.parked - before.parked;
    // The event either found the object (race) or was retried and parked; nothing is half-stored.
    if (parked > 0) {
      expect(await listFindingsVersions(visit.visitId)).toEqual([]);
      const res = await postFindings(post, body); // the object is readable again (same key)
      expect(res.ok).toBe(true);
      await settle(e);
      await redrive();
      await settle(e);
    }
    const versions = await listFindingsVersions(visit.visitId);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
    summary('S3 read failure', { sent: 1, processed: versions.length, parked, lost: 1 - Math.min(1, versions.length), duplicates: versions.length - 1 });
  });

  it('the SES emulator stops in the middle of sending: messages are retried or parked in the DLQ, redriven, and each email arrives exactly once', async () => {
    const la = `Faultshire ${randomUUID().slice(0, 4)}`;
    const commissioners = await Promise.all([1, 2, 3].map(() => putCommissioner({ localAuthorities: [la] })));
    const visit = await putVisit({ localAuthority: la });
    // Reviewed and checked; SES goes away just before the report is published and emailed.
    await submitFindings(e, visit);
    await approve(e, visit);
    await runPublicationSchedule(e, nextDay((await getPublication(visit.visitId))!.factualAccuracy!.closesOn));
    const before = await stats();
    await controlLocalCloud(e.web, 'ses-stop');
    const publishing = runPublicationSchedule(e, (await getPublication(visit.visitId))!.publishOn!);
    await sleep(1_000);
    await controlLocalCloud(e.web, 'ses-start');
    await publishing;
    await settle(e);
    const mid = await stats();
    const parked = mid.messagesParked - before.messagesParked + (mid.parked - before.parked);
    if (parked > 0) {
      await redrive();
      await settle(e);
    }
    const mail = await mailbox(e.ses);
    const received = commissioners.map((c) => mail.filter((m) => m.destination.to.some((t) => t.includes(c.email))).length);
    summary('SES stop/start mid-send', {
      sent: commissioners.length,
      processed: received.filter((n) => n >= 1).length,
      parked,
      lost: received.filter((n) => n === 0).length,
      duplicates: received.reduce((s, n) => s + Math.max(0, n - 1), 0),
    });
  });

  it('a redrive of an event that already succeeded changes nothing (no second email, no second version)', async () => {
    const la = `Redriveshire ${randomUUID().slice(0, 4)}`;
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const visit = await putVisit({ localAuthority: la, targetName: `Redrive Home ${randomUUID().slice(0, 4)}` });
    const { post } = await issueUpload(e, visit);
    await postFindings(post, JSON.stringify(validFindings(visit)));
    await settle(e);
    const reviewer = (await getPublication(visit.visitId))!.reviewer!;
    // Replay every handler's event by hand, as a redrive of a stale parked record would.
    const ingest = await import('../../functions/ingest-findings/handler');
    await ingest.handler({ Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: e.buckets.findings }, object: { key: post.fields.key! } } }] } as never, {} as never);
    await settle(e);
    const versions = await listFindingsVersions(visit.visitId);
    // The one email that follows a submission: the reviewer's.
    const emails = (await mailbox(e.ses)).filter((m) => m.destination.to.some((t) => t.includes(reviewer)) && m.subject.includes(visit.targetName));
    expect((await mailbox(e.ses)).filter((m) => m.destination.to.some((t) => t.includes(commissioner.email)))).toHaveLength(0);
    summary('repeat of a processed event', { sent: 2, processed: 1, parked: 0, lost: 1 - versions.length, duplicates: versions.length - 1 + (emails.length - 1) });
  });
});

