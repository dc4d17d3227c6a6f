/**
 * Faults against the emulators, injected deterministically: the local cloud's SDK middleware
 * (infra/local/faults.ts) fails exactly the calls a case names (the Nth BatchWriteItem of one
 * import, every GetObject of one upload, the first two SendEmail calls to one address), and says
 * how many it failed. Each case asserts that its fault happened, how the pipeline retried it
 * (Lambda's retries, the queue's redeliveries, the parked record), and what a user would check:
 * nothing lost, nothing stored or sent twice. One case stops a real emulator instead.
 *
 * To see each case fail without its fault: LOCAL_FAULTS_DISABLED=1 npx vitest run test/faults
 * (the middleware still counts calls but fails none).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prefixes, queues } from '../../infra/catalogue';
import { controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { INJECTED_FAULT, type FaultCount, type FaultRule } from '../../infra/local/faults';
import type { ParkedEvent } from '../../infra/local/invoker';
import { s3Client } from '../../shared/aws/s3-client';
import { getSubmission, listFindingsVersions, recordSubmissionWaiting } from '../../shared/aws/findings-store';
import { CONFIRM_METADATA, reportKeys } from '../../shared/aws/import-adapter';
import { createFindingsPost, findingsKey } from '../../shared/aws/presigned-post';
import { getPublication } from '../../shared/aws/publication-store';
import { scanEntities } from '../../shared/aws/scan';
import type { Commissioner, Visit } from '../../shared/domain/types';
import type { ImportReport } from '../../shared/ingest/report';
import { getText, putObject, settle, uniqueKey, useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit, validFindings } from '../support/fixtures';
import { approve, runPublicationSchedule } from '../support/publication';
import { mailbox, postFindings } from '../support/submit';
import { syntheticProviderCsv } from '../support/synthetic-csv';

interface Stats {
  invoked: number;
  succeeded: number;
  retried: number;
  parked: number;
  messagesSent: number;
  messagesParked: number;
}

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

/** A fault case never leaves its rules armed for the next one. */
afterEach(async () => {
  await controlLocalCloud(e.web, 'faults/clear');
});

const stats = () => controlLocalCloud<Stats>(e.web, 'stats');
const parked = () => controlLocalCloud<ParkedEvent[]>(e.web, 'parked');
const redrive = () => controlLocalCloud<{ replayed: number; succeeded: number; failed: number }>(e.web, 'redrive');

/** Arm one rule; returns a function that reads back what it did (and disarms every rule). */
async function inject(rule: FaultRule): Promise<() => Promise<FaultCount>> {
  await controlLocalCloud(e.web, 'faults/arm', [rule]);
  return async () => {
    const counts = await controlLocalCloud<FaultCount[]>(e.web, 'faults/clear');
    const mine = counts.find((c) => JSON.stringify(c.rule) === JSON.stringify(rule));
    if (!mine) throw new Error(`The fault rule ${JSON.stringify(rule)} was not armed`);
    return mine;
  };
}

/** What changed in the local cloud's counters during a case. */
function delta(before: Stats, after: Stats): Stats {
  return {
    invoked: after.invoked - before.invoked,
    succeeded: after.succeeded - before.succeeded,
    retried: after.retried - before.retried,
    parked: after.parked - before.parked,
    messagesSent: after.messagesSent - before.messagesSent,
    messagesParked: after.messagesParked - before.messagesParked,
  };
}

function urnPrefix(): string {
  return `SCF${randomUUID()
    .replace(/[^0-9A-F]/gi, '')
    .slice(0, 4)
    .toUpperCase()}`;
}

/**
 * A synthetic provider file is a partial snapshot of the shared table, which the snapshot guard
 * would hold: these uploads are confirmed, as `npm run import -- FILE --confirm-closures` does.
 */
const CONFIRMED = { [CONFIRM_METADATA]: 'yes' };

/** Providers of a synthetic import, and how many URNs are stored more than once. */
async function storedProviders(prefix: string): Promise<{ distinct: number; duplicates: number }> {
  const providers = ((await scanEntities(['provider'])).get('provider') ?? []).filter((p) => String(p.urn).startsWith(prefix));
  const distinct = new Set(providers.map((p) => p.urn)).size;
  return { distinct, duplicates: providers.length - distinct };
}

async function importReport(key: string): Promise<ImportReport> {
  return JSON.parse(await getText(e.buckets.imports, reportKeys(key).json)) as ImportReport;
}

async function submitFindings(
  visit: Visit,
  submissionId = randomUUID(),
): Promise<{ key: string; submissionId: string; post: Awaited<ReturnType<typeof createFindingsPost>> }> {
  const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId, inspector: visit.inspector! });
  // Issued as the findings page issues it: ingest takes only uploads under an issued, waiting submission.
  await recordSubmissionWaiting(visit.visitId, submissionId, visit.inspector!);
  const res = await postFindings(post, JSON.stringify(validFindings(visit)));
  expect(res.ok).toBe(true);
  return { key: findingsKey(visit.visitId, submissionId), submissionId, post };
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Findings submitted, reviewed and checked for factual accuracy (the reviewer's and contacts'
 * emails sent); returns the step that publishes them on their date, which emails commissioners.
 */
async function readyToPublish(visit: Visit): Promise<() => Promise<void>> {
  await submitFindings(visit);
  await settle(e);
  await approve(e, visit);
  await runPublicationSchedule(e, nextDay((await getPublication(visit.visitId))!.factualAccuracy!.closesOn));
  const publishOn = (await getPublication(visit.visitId))!.publishOn!;
  return async () => {
    const { handler } = await import('../../functions/publication-schedule/handler');
    await handler({ time: `${publishOn}T06:00:00Z`, 'detail-type': 'Scheduled Event', detail: {} } as never, {} as never);
  };
}

/** Emails in the SES emulator's mailbox for each commissioner, in order. */
async function emailsReceived(commissioners: readonly Commissioner[]): Promise<number[]> {
  const mail = await mailbox(e.ses);
  return commissioners.map((c) => mail.filter((m) => m.destination.to.some((t) => t.toLowerCase().includes(c.email.toLowerCase()))).length);
}

describe('DynamoDB refuses every attempt of an import', () => {
  it('is retried twice, parked with the error, and stored whole by a redrive once DynamoDB answers again', async () => {
    const prefix = urnPrefix();
    const rows = 200;
    const key = uniqueKey(prefixes.imports, 'fault-parked.csv');
    await settle(e);
    const before = await stats();
    // The import's first call (the repeat-delivery check) fails on every attempt.
    const faultCount = await inject({ service: 'dynamodb', operation: 'GetItem', inputContains: key, from: 1 });
    await putObject(e.buckets.imports, key, syntheticProviderCsv(rows, prefix), 'text/csv', CONFIRMED);
    await settle(e);
    const fault = await faultCount();
    const change = delta(before, await stats());

    expect(fault.injected).toBe(3);
    expect(change.retried).toBe(2);
    expect(change.parked).toBe(1);
    const record = (await parked()).find((p) => JSON.stringify(p.event).includes(key));
    expect(record).toMatchObject({ functionId: 'ingestImport', attempts: 3 });
    expect(record?.error).toContain(INJECTED_FAULT);
    expect(await storedProviders(prefix)).toEqual({ distinct: 0, duplicates: 0 });

    const replay = await redrive();
    await settle(e);
    expect(replay.succeeded).toBeGreaterThanOrEqual(1);
    expect((await parked()).some((p) => JSON.stringify(p.event).includes(key))).toBe(false);
    expect(await importReport(key)).toMatchObject({ status: 'accepted', rows, accepted: rows });
    expect(await storedProviders(prefix)).toEqual({ distinct: rows, duplicates: 0 });
  });
});

describe('a DynamoDB write fails in the middle of an import', () => {
  it('fails the first attempt after part of the file is written; the retry stores every row once and the report says accepted', async () => {
    const prefix = urnPrefix();
    const rows = 3_000;
    const batches = Math.ceil(rows / 25);
    const key = uniqueKey(prefixes.imports, 'fault-dynamo.csv');
    await settle(e);
    const before = await stats();
    // The 40th of about 120 BatchWriteItem calls of this import fails, once.
    const faultCount = await inject({ service: 'dynamodb', operation: 'BatchWriteItem', inputContains: prefix, from: 40, to: 40 });
    await putObject(e.buckets.imports, key, syntheticProviderCsv(rows, prefix), 'text/csv', CONFIRMED);
    await settle(e);
    const fault = await faultCount();
    const change = delta(before, await stats());

    expect(fault.injected).toBe(1);
    // The retry wrote the whole file again: the first attempt's calls plus every batch.
    expect(fault.calls).toBeGreaterThanOrEqual(40 + batches);
    expect(change.retried).toBe(1);
    expect(change.parked).toBe(0);
    expect(await importReport(key)).toMatchObject({ status: 'accepted', rows, accepted: rows, rejected: [] });
    expect(await storedProviders(prefix)).toEqual({ distinct: rows, duplicates: 0 });
  });
});

describe('an uploaded findings file cannot be read from S3', () => {
  it('is retried, parked with nothing half-stored, and accepted once by a redrive when it can be read', async () => {
    const visit = await putVisit();
    const submissionId = randomUUID();
    const key = findingsKey(visit.visitId, submissionId);
    await settle(e);
    const before = await stats();
    const faultCount = await inject({ service: 's3', operation: 'GetObject', inputContains: key, from: 1 });
    await submitFindings(visit, submissionId);
    await settle(e);
    const fault = await faultCount();
    const change = delta(before, await stats());

    // Each of the three attempts failed reading the upload.
    expect(fault.injected).toBeGreaterThanOrEqual(3);
    expect(change.parked).toBe(1);
    expect((await parked()).find((p) => JSON.stringify(p.event).includes(key))).toMatchObject({ functionId: 'ingestFindings', attempts: 3 });
    expect(await listFindingsVersions(visit.visitId)).toEqual([]);
    expect((await getSubmission(visit.visitId, submissionId))?.state).not.toBe('accepted');

    await redrive();
    await settle(e);
    expect(await getSubmission(visit.visitId, submissionId)).toMatchObject({ state: 'accepted', version: 1 });
    expect((await listFindingsVersions(visit.visitId)).map((v) => v.version)).toEqual([1]);
  });
});

describe('SES fails while a published report is being emailed', () => {
  it('a commissioner whose first two sends fail gets the email on the third receive of the message; the others get theirs once', async () => {
    const la = `Faultshire ${randomUUID().slice(0, 4)}`;
    const commissioners = await Promise.all([1, 2, 3].map(() => putCommissioner({ localAuthorities: [la] })));
    const unlucky = commissioners[1]!;
    const visit = await putVisit({ localAuthority: la });
    const publish = await readyToPublish(visit);
    await settle(e);
    const before = await stats();
    const faultCount = await inject({ service: 'sesv2', operation: 'SendEmail', inputContains: unlucky.email, from: 1, to: 2 });
    await publish();
    await settle(e);
    const fault = await faultCount();
    const change = delta(before, await stats());

    expect(fault.injected).toBe(2);
    // Two failed receives and the one that sent: the queue redelivered the message twice.
    expect(fault.calls).toBe(3);
    expect(change.messagesParked).toBe(0);
    expect(await emailsReceived(commissioners)).toEqual([1, 1, 1]);
  });

  it('a message that fails on every receive goes to the dead-letter queue, and a redrive sends that email exactly once', async () => {
    const la = `Deadshire ${randomUUID().slice(0, 4)}`;
    const commissioners = await Promise.all([1, 2].map(() => putCommissioner({ localAuthorities: [la] })));
    const unlucky = commissioners[0]!;
    const visit = await putVisit({ localAuthority: la });
    const publish = await readyToPublish(visit);
    await settle(e);
    const before = await stats();
    const faultCount = await inject({ service: 'sesv2', operation: 'SendEmail', inputContains: unlucky.email, from: 1 });
    await publish();
    await settle(e);
    const fault = await faultCount();
    const change = delta(before, await stats());

    expect(fault.injected).toBe(queues.notify.maxReceiveCount);
    expect(change.messagesParked).toBe(1);
    expect(await emailsReceived(commissioners)).toEqual([0, 1]);

    await redrive();
    await settle(e);
    expect(await emailsReceived(commissioners)).toEqual([1, 1]);
  });
});

describe('the SES emulator itself is down when a published report is emailed', () => {
  it('every message is dead-lettered after its receives, and a redrive once SES is back sends each email exactly once', async () => {
    const la = `Outageshire ${randomUUID().slice(0, 4)}`;
    const commissioners = await Promise.all([1, 2, 3].map(() => putCommissioner({ localAuthorities: [la] })));
    const visit = await putVisit({ localAuthority: la });
    const publish = await readyToPublish(visit);
    await settle(e);
    const before = await stats();
    await controlLocalCloud(e.web, 'ses-stop');
    try {
      await publish();
      await settle(e);
    } finally {
      await controlLocalCloud(e.web, 'ses-start');
    }
    const change = delta(before, await stats());
    expect(change.messagesParked).toBe(commissioners.length);
    const dead = (await parked()).filter((p) => p.functionId === 'notifyCommissioners' && JSON.stringify(p.event).includes(visit.visitId));
    expect(dead).toHaveLength(commissioners.length);
    // A refused connection, as the SDK reports it (not our injected fault).
    expect(dead.every((p) => !p.error.includes(INJECTED_FAULT))).toBe(true);

    await redrive();
    await settle(e);
    expect(await emailsReceived(commissioners)).toEqual([1, 1, 1]);
  });
});

describe('a repeat of an event that already succeeded', () => {
  it('changes nothing: no second findings version and no second email', async () => {
    const la = `Redriveshire ${randomUUID().slice(0, 4)}`;
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const visit = await putVisit({ localAuthority: la, targetName: `Redrive House ${randomUUID().slice(0, 4)}` });
    const { post } = await submitFindings(visit);
    await settle(e);
    // The one email that follows a submission is the reviewer's (nothing is published on upload).
    const reviewerEmails = async () => (await mailbox(e.ses)).filter((m) => m.subject === `Findings to review: ${visit.targetName}, ${la}`).length;
    expect(await reviewerEmails()).toBe(1);
    expect(await emailsReceived([commissioner])).toEqual([0]);

    // Replay the ingest handler's event by hand, as a redrive of a stale parked record would.
    const ingest = await import('../../functions/ingest-findings/handler');
    await ingest.handler(
      { Records: [{ eventName: 'ObjectCreated:Post', s3: { bucket: { name: e.buckets.findings }, object: { key: post.fields.key! } } }] } as never,
      {} as never,
    );
    await settle(e);
    expect((await listFindingsVersions(visit.visitId)).map((v) => v.version)).toEqual([1]);
    expect(await reviewerEmails()).toBe(1);
    expect(await emailsReceived([commissioner])).toEqual([0]);
  });
});
