/**
 * Load: N findings submissions through the pre-signed S3 POST path and an M-row provider import,
 * all at once, against a local cloud. Everything must be processed: each submission exactly one
 * stored version, each row exactly one provider. Used by test/load (small sizes, in CI) and by
 * `npm run bench -- load` (1,000 submissions and 100,000 rows).
 */
import { randomUUID } from 'node:crypto';
import { prefixes } from '../infra/catalogue';
import { controlLocalCloud, type Endpoints } from '../infra/local/cloud';
import { s3Client } from '../shared/aws/s3-client';
import { getSubmission, listFindingsVersions, recordSubmissionWaiting } from '../shared/aws/findings-store';
import { reportKeys } from '../shared/aws/import-adapter';
import { createFindingsPost } from '../shared/aws/presigned-post';
import { scanEntities } from '../shared/aws/scan';
import type { Visit } from '../shared/domain/types';
import type { ImportReport } from '../shared/ingest/report';
import { getText, putObject } from '../test/support/cloud';
import { putVisit, validFindings } from '../test/support/fixtures';
import { postFindings } from '../test/support/submit';
import { syntheticProviderCsv } from '../test/support/synthetic-csv';

export interface LoadResult {
  submissions: number;
  submissionsAccepted: number;
  rows: number;
  rowsStored: number;
  lost: number;
  duplicates: number;
  parked: number;
  seconds: number;
  submissionsPerSecond: number;
  rowsPerSecond: number;
}

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export async function runLoad(e: Endpoints, options: { submissions: number; rows: number; log?: (line: string) => void }): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const tag = randomUUID()
    .replace(/[^0-9a-f]/g, '')
    .slice(0, 5)
    .toUpperCase();
  const la = `Loadshire ${tag}`;
  log(`creating ${options.submissions} visits ...`);
  const visits: Visit[] = [];
  await pool(Array.from({ length: options.submissions }), 16, async () => {
    visits.push(await putVisit({ localAuthority: la }));
  });
  const before = await controlLocalCloud<{ parked: number; messagesParked: number }>(e.web, 'stats');
  const csv = syntheticProviderCsv(options.rows, `SCL${tag}`);
  const importKey = `${prefixes.imports}load-${tag}/providers.csv`;

  log(`${options.submissions} submissions and a ${options.rows.toLocaleString('en-GB')}-row import, at once ...`);
  const started = performance.now();
  const submitted: { visitId: string; submissionId: string }[] = [];
  await Promise.all([
    putObject(e.buckets.imports, importKey, csv),
    pool(visits, 20, async (visit, i) => {
      const submissionId = randomUUID();
      // Issued as the findings page issues it: ingest takes only uploads under an issued, waiting submission id.
      const post = await createFindingsPost({ s3: s3Client(), bucket: e.buckets.findings, visitId: visit.visitId, submissionId, inspector: visit.inspector! });
      await recordSubmissionWaiting(visit.visitId, submissionId, visit.inspector!);
      const res = await postFindings(post, JSON.stringify(validFindings(visit)));
      if (!res.ok) throw new Error(`POST ${i} failed: ${res.status}`);
      submitted.push({ visitId: visit.visitId, submissionId });
      if ((i + 1) % 100 === 0) log(`  ${i + 1}/${options.submissions} uploaded`);
    }),
  ]);
  await controlLocalCloud(e.web, 'idle');
  const seconds = (performance.now() - started) / 1000;
  const after = await controlLocalCloud<{ parked: number; messagesParked: number }>(e.web, 'stats');

  let accepted = 0;
  let extraVersions = 0;
  await pool(submitted, 16, async (s) => {
    const status = await getSubmission(s.visitId, s.submissionId);
    if (status?.state === 'accepted') accepted++;
    extraVersions += Math.max(0, (await listFindingsVersions(s.visitId)).length - 1);
  });
  const report = JSON.parse(await getText(e.buckets.imports, reportKeys(importKey).json)) as ImportReport;
  const providers = ((await scanEntities(['provider'])).get('provider') ?? []).filter((p) => String(p.urn).startsWith(`SCL${tag}`));
  const distinct = new Set(providers.map((p) => p.urn)).size;
  const result: LoadResult = {
    submissions: options.submissions,
    submissionsAccepted: accepted,
    rows: options.rows,
    // A held snapshot has stored its rows too (it only closes nothing): count what the table holds.
    rowsStored: report.status === 'rejected' ? 0 : distinct,
    lost: options.submissions - accepted + (options.rows - distinct),
    duplicates: extraVersions + (providers.length - distinct),
    parked: after.parked - before.parked + (after.messagesParked - before.messagesParked),
    seconds: Number(seconds.toFixed(1)),
    submissionsPerSecond: Number((options.submissions / seconds).toFixed(1)),
    rowsPerSecond: Number((options.rows / seconds).toFixed(0)),
  };
  log(`load: ${JSON.stringify(result)}`);
  return result;
}
