/**
 * Findings ingest with in-memory ports: what is trusted, what is a repeat, what goes to quarantine
 * and why. Every refused upload stores nothing and starts no review.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { contentHash, ingestFindings, type FindingsIngestPorts, type UploadedFindings } from '../../../shared/findings/ingest-service';
import type { FindingsInput } from '../../../shared/findings/schema';
import { MemoryPublicationStore } from '../../support/memory-publication';
import { typicalFindings, typicalVisit } from '../../support/report-fixture';

const visit = typicalVisit({ visitId: 'v-ingest-1', status: 'planned', inspector: 'ann@inspectorate.example.gov.uk' });
const findings = typicalFindings(visit).findings;

let store: MemoryPublicationStore;
let objects: Map<string, UploadedFindings>;
let quarantined: { key: string; reasons: string[]; reject: boolean }[];

function ports(): FindingsIngestPorts {
  return {
    getPublication: (id) => store.getPublication(id),
    savePublication: (n, s, x) => store.savePublication(n, s, x),
    announce: (c) => store.announce(c),
    settings: () => store.settings(),
    maxBytes: 256 * 1024,
    readObject: async (key) => objects.get(key)!,
    getVisit: async (id) => (id === visit.visitId ? visit : undefined),
    getSubmission: async (v, s) => store.submissions.get(`${v}#${s}`),
    latestVersion: async (id) => store.latest(id),
    recordRepeat: async (v, s, version, objectVersion) => {
      store.submissions.set(`${v}#${s}`, { visitId: v, submissionId: s, state: 'repeat', version, objectVersion });
    },
    quarantine: async (q) => {
      quarantined.push({ key: q.key, reasons: q.reasons, reject: q.reject });
    },
    now: () => new Date('2020-09-14T10:00:00Z'),
  };
}

/** An upload as the page's form makes it, under an issued submission id. */
function upload(submissionId: string, body: FindingsInput | string = findings, over: Partial<UploadedFindings> & { inspector?: string } = {}): string {
  const key = `findings/${visit.visitId}/${submissionId}.json`;
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  objects.set(key, {
    contentLength: bytes.length,
    contentType: 'application/json',
    metadata: { 'visit-id': visit.visitId, 'submission-id': submissionId, inspector: over.inspector ?? visit.inspector! },
    objectVersion: `ver-${submissionId}-${objects.size}`,
    bytes,
    ...over,
  });
  return key;
}

beforeEach(() => {
  store = new MemoryPublicationStore();
  objects = new Map();
  quarantined = [];
});

describe('findings ingest', () => {
  it('stores an issued submission as version 1, submitted for review, and announces it', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s1'));
    expect(out).toEqual({ outcome: 'accepted', visitId: visit.visitId, version: 1 });
    expect(store.latest(visit.visitId)).toMatchObject({ version: 1, submissionId: 's1', inspector: visit.inspector, contentHash: contentHash(findings) });
    expect(store.submissions.get(`${visit.visitId}#s1`)).toMatchObject({ state: 'accepted', version: 1 });
    expect(store.publications.get(visit.visitId)).toMatchObject({ state: 'submitted', version: 1 });
    expect(store.visitStatus.get(visit.visitId)).toBe('findings-received');
    expect(store.announced).toEqual([{ visitId: visit.visitId, seq: 1, action: 'submit' }]);
  });

  it('quarantines an upload whose submission id the page never issued (a forged one), storing nothing', async () => {
    const out = await ingestFindings(ports(), upload('made-up'));
    expect(out).toMatchObject({
      outcome: 'rejected',
      reasons: [expect.stringMatching(/Submission made-up was not issued by the findings page for visit v-ingest-1/)],
    });
    expect(quarantined).toHaveLength(1);
    expect(store.versions.size).toBe(0);
    expect(store.announced).toEqual([]);
  });

  it('quarantines an upload from another inspector than the one the form was issued to', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s1', findings, { inspector: 'mallory@example.com' }));
    expect(out).toMatchObject({
      outcome: 'rejected',
      reasons: [expect.stringMatching(/from "mallory@example.com", but this visit's form was issued to ann@inspectorate/)],
    });
    expect(store.versions.size).toBe(0);
  });

  it('quarantines an upload that is not application/json', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s1', findings, { contentType: 'text/html' }));
    expect(out).toMatchObject({ outcome: 'rejected', reasons: [expect.stringMatching(/of type "text\/html", not application\/json/)] });
    expect(store.versions.size).toBe(0);
  });

  it('uses a submission id once: a second object under it (a replayed form) is quarantined and the first version stands', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    await ingestFindings(ports(), upload('s1'));
    const replay = await ingestFindings(ports(), upload('s1', { ...findings, goingWell: ['Replaced behind the recorded version'] }));
    expect(replay).toMatchObject({ outcome: 'rejected', reasons: [expect.stringMatching(/Submission s1 was already used for an upload/)] });
    // The used submission's record is not marked rejected: it stays accepted.
    expect(quarantined.at(-1)?.reject).toBe(false);
    expect(store.submissions.get(`${visit.visitId}#s1`)).toMatchObject({ state: 'accepted', version: 1 });
    expect(store.versions.size).toBe(1);
  });

  it('treats the same object delivered again as handled, changing nothing', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    const key = upload('s1');
    await ingestFindings(ports(), key);
    const again = await ingestFindings(ports(), key);
    expect(again).toEqual({ outcome: 'already-handled', visitId: visit.visitId });
    expect(store.versions.size).toBe(1);
    expect(store.announced).toHaveLength(1);
    expect(quarantined).toEqual([]);
  });

  it('records content identical to the latest version as a repeat: no new version, no announcement', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    await ingestFindings(ports(), upload('s1'));
    // The reviewer returns them; the inspector presses send again without changing anything.
    const p = store.publications.get(visit.visitId)!;
    store.publications.set(visit.visitId, { ...p, state: 'returned' });
    store.issue(visit.visitId, 's2', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s2', JSON.parse(JSON.stringify(findings)) as FindingsInput));
    expect(out).toEqual({ outcome: 'repeat', visitId: visit.visitId, version: 1 });
    expect(store.submissions.get(`${visit.visitId}#s2`)).toMatchObject({ state: 'repeat', version: 1 });
    expect(store.versions.size).toBe(1);
    expect(store.announced).toHaveLength(1);
  });

  it('refuses a new version while the findings are with the reviewer, saying what to do', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    await ingestFindings(ports(), upload('s1'));
    store.issue(visit.visitId, 's2', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s2', { ...findings, goingWell: ['Changed'] }));
    expect(out).toMatchObject({
      outcome: 'rejected',
      reasons: [
        expect.stringMatching(
          /have been submitted and wait for a reviewer, so you cannot take a new submission now\. If something must change before publication, ask the reviewer to return the findings/,
        ),
      ],
    });
    expect(store.versions.size).toBe(1);
  });

  it('takes a resubmission after a return as the next version', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    await ingestFindings(ports(), upload('s1'));
    const p = store.publications.get(visit.visitId)!;
    store.publications.set(visit.visitId, { ...p, state: 'returned' });
    store.issue(visit.visitId, 's2', visit.inspector!);
    expect(await ingestFindings(ports(), upload('s2', { ...findings, goingWell: ['More detail'] }))).toEqual({
      outcome: 'accepted',
      visitId: visit.visitId,
      version: 2,
    });
    expect(store.publications.get(visit.visitId)).toMatchObject({ state: 'submitted', version: 2 });
  });

  it('refuses visit dates outside the programme year or in the future, by field', async () => {
    store.issue(visit.visitId, 's1', visit.inspector!);
    const out = await ingestFindings(ports(), upload('s1', { ...findings, visitStartDate: '2019-12-30', visitEndDate: '2020-09-15' }));
    expect(out).toMatchObject({
      outcome: 'rejected',
      reasons: [
        "visitStartDate: The first day of the visit must be on or after 01/01/2020, in this visit's programme year",
        'visitEndDate: The last day of the visit must be on or before 14/09/2020: findings are for a visit that has taken place',
      ],
    });
  });
});
