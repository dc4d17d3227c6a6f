/**
 * Upload -> email latency: findings POSTed to S3 (pre-signed POST, as the page does) -> ingest ->
 * render (HTML + PDF) -> queue -> SES email in the emulator's store. One submission at a time,
 * each for its own hand-made visit, so each latency is the whole pipeline's.
 */
import { randomUUID } from 'node:crypto';
import { createFindingsPost } from '../shared/aws/presigned-post';
import { s3Client } from '../shared/aws/clients';
import { putCommissioner, putVisit, validFindings } from '../test/support/fixtures';
import { postFindings, waitForEmail } from '../test/support/submit';
import { withLocalCloud } from './local-cloud';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function benchUploadToEmail(n: number, log: (l: string) => void): Promise<{ uploadToEmailP50Ms: number; uploadToEmailP95Ms: number; samples: number }> {
  return withLocalCloud(async (cloud) => {
    const e = cloud.endpoints;
    const commissioner = await putCommissioner({ localAuthorities: [], regions: ['North West'] });
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const visit = await putVisit({ targetName: `Bench Home ${i}` });
      const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId: randomUUID(), inspector: visit.inspector ?? 'inspector@example.gov.uk' });
      const started = performance.now();
      const res = await postFindings(post, JSON.stringify(validFindings(visit)));
      if (!res.ok) throw new Error(`POST failed: ${res.status} ${await res.text()}`);
      await waitForEmail(e.ses, (m) => m.destination.to.includes(commissioner.email) && m.subject.includes(`Bench Home ${i}`), 30_000);
      latencies.push(performance.now() - started);
      if ((i + 1) % 10 === 0) log(`  ${i + 1}/${n} submissions`);
    }
    await cloud.idle();
    latencies.sort((a, b) => a - b);
    return { uploadToEmailP50Ms: Math.round(percentile(latencies, 50)), uploadToEmailP95Ms: Math.round(percentile(latencies, 95)), samples: n };
  });
}
