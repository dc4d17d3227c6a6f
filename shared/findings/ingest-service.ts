/**
 * One uploaded findings object, from the S3 event to a new findings version in review, or to the
 * quarantine with every reason. Nothing is ever half-written: the version, the submission (waiting
 * -> accepted, so an id is used once), the publication (-> submitted) and the visit's status change
 * in one transaction. What is accepted:
 * - only an object whose submission id the findings page issued for this visit and is still
 *   waiting, from the inspector it was issued to, typed application/json (trustProblems);
 * - whose content passes the schema and the visit's rules (checkFindingsContent);
 * - whose visit's findings can take a new version now (not while they are with the reviewer or out
 *   for factual accuracy, and never once published).
 * Content identical to the latest version is a repeat: the submission says so, nothing else changes.
 * The same object delivered again (S3 delivers at least once) changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Visit } from '../domain/types';
import type { PublicationPorts } from '../publication/ports';
import { act } from '../publication/publication-service';
import type { FindingsVersion, Findings } from './schema';
import type { SubmissionRecord } from './submission';
import { checkFindingsContent, parseFindingsKey, trustProblems } from './validate-upload';

export interface UploadedFindings {
  readonly contentLength: number;
  readonly contentType?: string;
  readonly metadata: Record<string, string>;
  /** S3 version id, or the ETag where the store keeps no versions: which object this is. */
  readonly objectVersion?: string;
  readonly versionId?: string;
  /** Absent when the object is over the size limit (it is not read). */
  readonly bytes?: Uint8Array;
}

export interface FindingsIngestPorts extends PublicationPorts {
  readonly maxBytes: number;
  readObject(key: string, versionId: string | undefined): Promise<UploadedFindings>;
  getVisit(visitId: string): Promise<Visit | undefined>;
  getSubmission(visitId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  latestVersion(visitId: string): Promise<FindingsVersion | undefined>;
  recordRepeat(visitId: string, submissionId: string, version: number, objectVersion: string | undefined): Promise<void>;
  /** Copy the object to quarantine with its reasons; record the submission as rejected when `reject` (never an accepted one). */
  quarantine(q: {
    key: string;
    versionId?: string;
    visitId?: string;
    submissionId?: string;
    objectVersion?: string;
    reasons: string[];
    reject: boolean;
  }): Promise<void>;
  now(): Date;
}

export type FindingsOutcome =
  | { readonly outcome: 'accepted'; readonly visitId: string; readonly version: number }
  | { readonly outcome: 'repeat'; readonly visitId: string; readonly version: number }
  /** This very object was handled before (a repeat delivery of the event): nothing to do. */
  | { readonly outcome: 'already-handled'; readonly visitId: string }
  | { readonly outcome: 'rejected'; readonly visitId?: string; readonly reasons: string[] };

/** SHA-256 of the findings with keys in a fixed order: the same answers give the same hash. */
export function contentHash(findings: Findings): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(findings)))
    .digest('hex');
}

const ATTEMPTS = 5;

export async function ingestFindings(ports: FindingsIngestPorts, key: string, versionId?: string): Promise<FindingsOutcome> {
  const where = parseFindingsKey(key);
  const submission = where ? await ports.getSubmission(where.visitId, where.submissionId) : undefined;
  const object = await ports.readObject(key, versionId);
  const reject = async (reasons: string[], markRejected: boolean): Promise<FindingsOutcome> => {
    await ports.quarantine({
      key,
      versionId: object.versionId,
      visitId: where?.visitId,
      submissionId: where?.submissionId,
      objectVersion: object.objectVersion,
      reasons,
      reject: markRejected,
    });
    return { outcome: 'rejected', visitId: where?.visitId, reasons };
  };
  // The same object again: its first delivery already decided.
  if (where && submission && submission.state !== 'waiting' && submission.objectVersion !== undefined && submission.objectVersion === object.objectVersion) {
    return { outcome: 'already-handled', visitId: where.visitId };
  }
  const visit = where ? await ports.getVisit(where.visitId) : undefined;
  const distrust = trustProblems({ key, metadata: object.metadata, contentType: object.contentType, visit, submission });
  // A used submission's record stays as it was (accepted stays accepted); anything else is marked rejected.
  if (distrust.length) return reject(distrust, submission?.state === 'waiting' || submission === undefined);
  const v = visit!;
  const content = checkFindingsContent({
    bytes: object.bytes,
    contentLength: object.contentLength,
    maxBytes: ports.maxBytes,
    visit: v,
    today: ports.now().toISOString().slice(0, 10),
  });
  if (!content.ok) return reject(content.reasons, true);

  const hash = contentHash(content.findings);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const latest = await ports.latestVersion(v.visitId);
    if (latest && (latest.contentHash ?? contentHash(latest.findings)) === hash) {
      await ports.recordRepeat(v.visitId, where!.submissionId, latest.version, object.objectVersion);
      return { outcome: 'repeat', visitId: v.visitId, version: latest.version };
    }
    const version = (latest?.version ?? 0) + 1;
    const record: FindingsVersion = {
      visitId: v.visitId,
      version,
      submissionId: where!.submissionId,
      inspector: submission!.inspector!,
      receivedAt: ports.now().toISOString(),
      s3Key: key,
      objectVersion: object.objectVersion,
      contentHash: hash,
      findings: content.findings,
    };
    const result = await act(ports, v.visitId, { action: 'submit', version, by: record.inspector }, () => [
      { kind: 'findings-version', version: record },
      {
        kind: 'submission-accepted',
        visitId: v.visitId,
        submissionId: where!.submissionId,
        inspector: record.inspector,
        version,
        objectVersion: object.objectVersion,
      },
      { kind: 'visit-status', visitId: v.visitId, status: 'findings-received', visitedOn: content.findings.visitEndDate },
    ]);
    if (result.outcome === 'changed') return { outcome: 'accepted', visitId: v.visitId, version };
    if (result.outcome === 'refused') {
      return reject([`${result.reason} ${NOT_NOW}`], true);
    }
    // A repeat of "submit version N": this submission's own earlier delivery, or another upload that took N first.
    const now = await ports.getSubmission(v.visitId, where!.submissionId);
    if (now && now.state !== 'waiting') return { outcome: 'already-handled', visitId: v.visitId };
  }
  throw new Error(`Could not store findings for ${v.visitId} after ${ATTEMPTS} attempts: too many submissions at once`);
}

const NOT_NOW =
  'If something must change before publication, ask the reviewer to return the findings to you; after publication, ask the planning team about an amendment.';
