/**
 * npm run import -- FILE [--json] [--confirm-closures] [--aws --bucket NAME] [--timeout SECONDS]
 * Uploads a CSV to the imports prefix, waits for the ingest Lambda's import report and prints it.
 * Exit code: 0 every row accepted; 2 accepted with some rows rejected; 3 a provider snapshot held
 * (nothing it would close was closed: see the report); 1 the file was refused whole, or the
 * command could not run (a wrong option, no such file, the upload failed, no report in time).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { objectKeys } from '../shared/object-keys';
import { s3Client } from '../shared/aws/s3-client';
import { CONFIRM_METADATA, reportKeys } from '../shared/aws/import-adapter';
import { parseImportReport, reportText, type ImportReport, type ImportStatus } from '../shared/ingest/report';
import { CliError, positiveNumber, runCli, UsageError } from './lib/cli';
import { findLocalEndpoints, missingEndpointsMessage, progress, progressDone } from './lib/local-env';

const spec = {
  command: 'npm run import --',
  usage: [
    'FILE [--json] [--confirm-closures] [--aws --bucket IMPORTS_BUCKET] [--timeout SECONDS]',
    'Uploads FILE, waits for its import report and prints it (--json: as one JSON object).',
    '--confirm-closures applies a provider snapshot the guard would hold (it closes the providers the file leaves out).',
    'Exit code: 0 all rows accepted, 2 accepted with rejected rows, 3 held, 1 refused or failed.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', default: false },
    'confirm-closures': { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    bucket: { type: 'string' },
    timeout: { type: 'string' },
  },
  positionals: { names: ['FILE'], required: 1 },
} as const;

const EXIT_CODES: Record<ImportStatus, number> = { accepted: 0, 'accepted with rejections': 2, held: 3, rejected: 1 };

function importsBucket(aws: boolean, bucket: string | undefined): string {
  if (!aws) {
    const endpoints = findLocalEndpoints();
    if (!endpoints) throw new CliError(missingEndpointsMessage());
    return endpoints.buckets.imports;
  }
  const name = bucket ?? process.env.IMPORTS_BUCKET;
  if (!name) throw new UsageError('With --aws, name the imports bucket with --bucket NAME (the ImportsBucketName output of `cdk deploy`).');
  return name;
}

async function upload(s3: S3Client, bucket: string, key: string, file: string, confirm: boolean): Promise<void> {
  const size = statSync(file).size;
  const metadata = confirm ? { [CONFIRM_METADATA]: 'yes' } : undefined;
  const up = new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: createReadStream(file), ContentType: 'text/csv', Metadata: metadata },
    queueSize: 4,
    partSize: 16 * 1024 * 1024,
  });
  up.on('httpUploadProgress', (p) =>
    progress(`Uploading ${basename(file)}: ${size ? Math.round(((p.loaded ?? 0) / size) * 100) : 100}% of ${(size / 1024 / 1024).toFixed(1)} MB`),
  );
  try {
    await up.done();
  } catch (err) {
    progressDone();
    throw new CliError(`Upload failed: ${(err as Error).message}`);
  }
  progressDone(`Uploaded ${basename(file)} to s3://${bucket}/${key}`);
}

async function waitForReport(s3: S3Client, bucket: string, key: string, timeoutSeconds: number): Promise<ImportReport> {
  const reportKey = reportKeys(key).json;
  const started = Date.now();
  for (;;) {
    try {
      const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: reportKey }));
      const report = parseImportReport(JSON.parse(await obj.Body!.transformToString()));
      if (!report) throw new CliError(`The report at s3://${bucket}/${reportKey} is not an import report this version understands.`);
      progressDone();
      return report;
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'NoSuchKey' && name !== 'NotFound') throw err;
    }
    if (Date.now() - started > timeoutSeconds * 1000) {
      progressDone();
      throw new CliError(`No import report after ${timeoutSeconds} s at s3://${bucket}/${reportKey}. Check the ingest function's logs.`);
    }
    progress(`Importing ... ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

await runCli(spec, async ({ values, positionals }) => {
  const file = positionals[0]!;
  const timeout = positiveNumber(values.timeout, 'timeout', 900);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`No such file: ${file}`);
  const bucket = importsBucket(values.aws, values.bucket);
  const key = objectKeys.importUpload(basename(file), new Date(), Math.random().toString(36).slice(2, 8));
  const s3 = s3Client();
  await upload(s3, bucket, key, file, values['confirm-closures']);
  const report = await waitForReport(s3, bucket, key, timeout);
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report));
  return EXIT_CODES[report.status];
});
