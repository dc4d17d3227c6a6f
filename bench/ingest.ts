/**
 * Ingest benchmark, from one run:
 * - pipeline rows/s: the real ingest path (S3 GetObject stream -> CSV records -> zod -> BatchWriteItem)
 *   for a generated provider file of --rows rows;
 * - raw rows/s: a plain BatchWriteItem loop writing the very same items to the same DynamoDB Local
 *   (items prepared before the clock starts), with the same parallelism;
 *   after a warm-up import, each phase starts on an empty table;
 * - their ratio (goal >= 0.8);
 * - peak RSS of a separate process importing a generated 1,000,000-row file (goal < 300 MB).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriter } from '../shared/aws/batch-write';
import { dynamoClient } from '../shared/aws/clients';
import { s3Client } from '../shared/aws/s3-client';
import { importObject } from '../shared/aws/import-adapter';
import { entityItems } from '../shared/ingest/kinds';
import { parseImport } from '../shared/ingest/parse-import';
import { syntheticProviderCsv } from '../test/support/synthetic-providers';
import { functions, limits } from '../infra/catalogue';
import { createTable, localFunctionEnvironment } from '../infra/local/cloud';
import { runProcess } from '../scripts/lib/run-process';
import { withLocalCloud } from './local-cloud';

export interface IngestBench {
  readonly rows: number;
  readonly pipelineRowsPerSec: number;
  readonly rawRowsPerSec: number;
  readonly ratio: number;
  readonly peakRssMb: number;
  readonly peakRssRows: number;
  readonly itemsPerRow: number;
}

export async function writeSyntheticCsv(rows: number, file: string, seed = 42): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (const line of syntheticProviderCsv(rows, seed)) {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

async function emptyTable(name: string): Promise<void> {
  const ddb = new DynamoDBClient({});
  await ddb.send(new DeleteTableCommand({ TableName: name }));
  await createTable(ddb, name);
}

export async function benchIngest(options: { rows: number; rssRows: number; log: (l: string) => void }): Promise<IngestBench> {
  const dir = mkdtempSync(join(tmpdir(), 'visits-ingest-bench-'));
  try {
    const file = join(dir, 'providers.csv');
    options.log(`generating ${options.rows.toLocaleString()} provider rows ...`);
    await writeSyntheticCsv(options.rows, file);

    const result = await withLocalCloud(async (cloud) => {
      const bucket = cloud.endpoints.buckets.imports;
      // Outside the imports/ prefix: an upload there would also start the ingest function on the
      // same file, and the benchmark would time two imports racing each other.
      const key = 'bench/providers.csv';
      await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(file), ContentLength: statSync(file).size }));

      // Warm DynamoDB Local's JVM and this process up with a small import, then start each timed
      // phase on an empty table, so neither phase gets a warmer emulator or a fuller table.
      const warmRows = Math.min(options.rows, 10_000);
      options.log(`warm-up: a ${warmRows.toLocaleString()}-row import ...`);
      const warmFile = join(dir, 'providers-warm.csv');
      await writeSyntheticCsv(warmRows, warmFile, 99);
      await s3Client().send(
        new PutObjectCommand({ Bucket: bucket, Key: 'bench/warm.csv', Body: createReadStream(warmFile), ContentLength: statSync(warmFile).size }),
      );
      await importObject(bucket, 'bench/warm.csv');
      await emptyTable(cloud.endpoints.table);

      options.log('pipeline: importing through the ingest path ...');
      const t0 = performance.now();
      const report = await importObject(bucket, key);
      const pipelineSeconds = (performance.now() - t0) / 1000;
      if (report.accepted !== options.rows) throw new Error(`pipeline accepted ${report.accepted} of ${options.rows} rows: ${report.error ?? ''}`);

      await emptyTable(cloud.endpoints.table);
      options.log('raw: preparing the same items, then a plain BatchWriteItem loop ...');
      const items: Record<string, unknown>[] = [];
      for await (const ev of parseImport(createReadStream(file), {
        maxBytes: limits.importMaxBytes,
        maxRowChars: limits.importMaxRowChars,
        snapshotId: 'bench',
      }))
        if (ev.type === 'row') items.push(...entityItems(ev.row));
      const rawItemsCount = items.length;
      const writer = new BatchWriter(dynamoClient(), { tableName: cloud.endpoints.table, concurrency: 16 });
      const t1 = performance.now();
      for (const item of items) await writer.put(item);
      await writer.flush();
      const rawSeconds = (performance.now() - t1) / 1000;
      items.length = 0;

      // Peak RSS: the import alone runs in a child process (the emulators stay in this one).
      options.log(`peak RSS: importing ${options.rssRows.toLocaleString()} rows in a separate process ...`);
      const rssFile = join(dir, 'providers-rss.csv');
      await writeSyntheticCsv(options.rssRows, rssFile, 7);
      const rssKey = 'bench/providers-rss.csv';
      await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: rssKey, Body: createReadStream(rssFile), ContentLength: statSync(rssFile).size }));
      // The same V8 options as the deployed function (catalogue: functions.ingestImport.nodeOptions).
      const v8Options = (functions.ingestImport.nodeOptions ?? '').split(' ').filter(Boolean);
      // Asynchronous on purpose: s3rver serves the child's GetObject from this process's event loop.
      const child = await runProcess(
        process.execPath,
        [...v8Options, '--import', 'tsx', resolve(import.meta.dirname, 'ingest-rss-child.ts'), bucket, rssKey],
        { ...process.env, ...localFunctionEnvironment(cloud.endpoints) },
        (text) => process.stderr.write(text),
      );
      if (child.code !== 0) throw new Error(`RSS run failed: ${child.stderr.slice(-2000)}`);
      const rss = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { peakRssMb: number; accepted: number };
      if (rss.accepted !== options.rssRows) throw new Error(`RSS run accepted ${rss.accepted} of ${options.rssRows} rows`);
      return { pipelineSeconds, rawSeconds, itemsPerRow: (report.accepted ? rawItemsCount : 0) / options.rows, rss };
    });

    const pipelineRowsPerSec = Math.round(options.rows / result.pipelineSeconds);
    const rawRowsPerSec = Math.round(options.rows / result.rawSeconds);
    return {
      rows: options.rows,
      pipelineRowsPerSec,
      rawRowsPerSec,
      ratio: Number((pipelineRowsPerSec / rawRowsPerSec).toFixed(3)),
      peakRssMb: result.rss.peakRssMb,
      peakRssRows: options.rssRows,
      itemsPerRow: result.itemsPerRow,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
