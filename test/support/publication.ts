/**
 * Taking a visit's findings through publication against the local cloud, as the people involved
 * would: an upload form issued as the findings page issues it, the reviewer's approval, the daily
 * schedule run on the days that matter (its event time is the day it acts for), ops commands.
 */
import { randomUUID } from 'node:crypto';
import type { Endpoints } from '../../infra/local/cloud';
import { s3Client } from '../../shared/aws/s3-client';
import { recordSubmissionWaiting } from '../../shared/aws/findings-store';
import { contactsOf } from '../../shared/aws/people-store';
import { createFindingsPost } from '../../shared/aws/presigned-post';
import { publicationPorts } from '../../shared/aws/publication-ports';
import { getPublication } from '../../shared/aws/publication-store';
import { addDays } from '../../shared/domain/calendar';
import type { Visit } from '../../shared/domain/types';
import type { Findings } from '../../shared/findings/schema';
import type { Publication, PublicationCommand } from '../../shared/publication/lifecycle';
import { act, type ActResult } from '../../shared/publication/publication-service';
import { settle } from './cloud';
import { validFindings } from './fixtures';
import { postFindings, type PostTarget } from './submit';

/** An upload form for the visit, issued exactly as the findings page issues one (the submission is recorded as waiting). */
export async function issueUpload(e: Endpoints, visit: Visit, inspector = visit.inspector!): Promise<{ post: PostTarget; submissionId: string; key: string }> {
  const submissionId = randomUUID();
  const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId, inspector });
  await recordSubmissionWaiting(visit.visitId, submissionId, inspector);
  return { post, submissionId, key: post.fields.key! };
}

/** Submit findings through an issued form and wait for everything that follows. */
export async function submitFindings(e: Endpoints, visit: Visit, over: Partial<Findings> = {}): Promise<{ submissionId: string; key: string }> {
  const { post, submissionId, key } = await issueUpload(e, visit);
  const res = await postFindings(post, JSON.stringify(validFindings(visit, over)));
  if (!res.ok) throw new Error(`S3 POST answered ${res.status}`);
  await settle(e);
  return { submissionId, key };
}

/** One change, as a person or the system makes it; then wait for what follows. */
export async function change(e: Endpoints, visitId: string, command: PublicationCommand, at?: Date): Promise<ActResult> {
  const result = await act(publicationPorts(at ? () => at : undefined), visitId, command);
  await settle(e);
  return result;
}

/** The reviewer approves (the draft goes to the contacts held). */
export async function approve(e: Endpoints, visit: Visit): Promise<Publication> {
  const p = await getPublication(visit.visitId);
  if (p?.state !== 'in-review' || !p.reviewer) throw new Error(`Visit ${visit.visitId} is ${p?.state ?? 'not submitted'}, not in review`);
  const contacts = (await contactsOf(visit)).map((c) => c.email);
  const r = await change(e, visit.visitId, { action: 'approve', contacts, by: p.reviewer });
  if (r.outcome !== 'changed') throw new Error(`approve: ${r.outcome === 'refused' ? r.reason : r.outcome}`);
  return r.publication;
}

/** The daily publication schedule, as EventBridge runs it on the morning of `date`. */
export async function runPublicationSchedule(e: Endpoints, date: string): Promise<void> {
  const { handler } = await import('../../functions/publication-schedule/handler');
  await handler({ time: `${date}T06:00:00Z`, 'detail-type': 'Scheduled Event', detail: {} } as never, {} as never);
  await settle(e);
}

/** After approval: the window closes on its own, and the report is published on its date. */
export async function closeWindowAndPublish(e: Endpoints, visitId: string): Promise<Publication> {
  const fa = await getPublication(visitId);
  if (!fa?.factualAccuracy) throw new Error(`Visit ${visitId} is not out for factual accuracy`);
  await runPublicationSchedule(e, addDays(fa.factualAccuracy.closesOn, 1));
  const ready = await getPublication(visitId);
  if (ready?.state !== 'ready' || !ready.publishOn) throw new Error(`Visit ${visitId} did not become ready: ${ready?.state}`);
  await runPublicationSchedule(e, ready.publishOn);
  const published = await getPublication(visitId);
  if (published?.state !== 'published') throw new Error(`Visit ${visitId} was not published: ${published?.state}`);
  return published;
}

/** The whole way, with no comments: submitted, reviewed, approved, checked, published on its date. */
export async function publishThroughReview(e: Endpoints, visit: Visit, over: Partial<Findings> = {}): Promise<Publication> {
  await submitFindings(e, visit, over);
  await approve(e, visit);
  return closeWindowAndPublish(e, visit.visitId);
}
