/**
 * Upload -> email latency: findings POSTed to S3 (pre-signed POST under an issued submission, as
 * the page does) -> ingest -> publication worker (reviewer assigned) -> queue -> the reviewer's
 * email in the emulator's store. Since publication waits for review and factual accuracy, the first
 * email after an upload is the reviewer's (the field names are kept for the --json contract). One
 * submission at a time, each for its own hand-made visit, so each latency is the whole pipeline's.
 */
import { randomUUID } from 'node:crypto';
import { createFindingsPost } from '../shared/aws/presigned-post';
import { s3Client } from '../shared/aws/s3-client';
import { recordSubmissionWaiting } from '../shared/aws/findings-store';
import { putVisit, validFindings } from '../test/support/fixtures';
import { postFindings, waitForEmail } from '../test/support/submit';
import { withLocalCloud } from './local-cloud';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchUploadToEmail(
  n: number,
  log: (l: string) => void,
): Promise<{ uploadToEmailP50Ms: number; uploadToEmailP95Ms: number; samples: number }> {
  return withLocalCloud(async (cloud) => {
    const e = cloud.endpoints;
    const reviewer = 'reviews@inspectorate.example.gov.uk';
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const visit = await putVisit({ targetName: `Bench Home ${i}` });
      const submissionId = randomUUID();
      const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId, inspector: visit.inspector! });
      await recordSubmissionWaiting(visit.visitId, submissionId, visit.inspector!);
      const started = performance.now();
      const res = await postFindings(post, JSON.stringify(validFindings(visit)));
      if (!res.ok) throw new Error(`POST failed: ${res.status} ${await res.text()}`);
      await waitForEmail(
        e.ses,
        (m) => m.destination.to.includes(reviewer) && m.subject === `Findings to review: Bench Home ${i}, ${visit.localAuthority}`,
        30_000,
      );
      latencies.push(performance.now() - started);
      if ((i + 1) % 10 === 0) log(`  ${i + 1}/${n} submissions`);
    }
    await cloud.idle();
    latencies.sort((a, b) => a - b);
    return { uploadToEmailP50Ms: Math.round(percentile(latencies, 50)), uploadToEmailP95Ms: Math.round(percentile(latencies, 95)), samples: n };
  });
}
