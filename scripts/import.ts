/**
 * npm run import -- FILE [--json] [--aws --bucket NAME]
 * Uploads a CSV to the imports prefix, waits for the ingest Lambda's import report and prints it.
 * Exit code 0 when the file was accepted (even with some rejected rows), 1 when the whole file was
 * rejected, 2 when the upload could not be done.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { objectKeys } from '../shared/object-keys';
import { s3Client } from '../shared/aws/clients';
import { reportKeys } from '../shared/aws/import-adapter';
import type { ImportReport } from '../shared/domain/types';
import { reportText } from '../shared/ingest/import-service';
import { exitAfterOutput, loadLocalEndpoints, progress, progressDone } from './lib/local-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, aws: { type: 'boolean', default: false }, bucket: { type: 'string' }, timeout: { type: 'string', default: '900' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import -- FILE [--json] [--aws --bucket IMPORTS_BUCKET]');
  process.exit(2);
}
if (!existsSync(file) || !statSync(file).isFile()) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}

let bucket: string;
if (values.aws) {
  bucket = values.bucket ?? process.env.IMPORTS_BUCKET ?? '';
  if (!bucket) {
    console.error('With --aws, name the imports bucket with --bucket NAME (the ImportsBucketName output of `cdk deploy`).');
    process.exit(2);
  }
} else {
  bucket = loadLocalEndpoints().buckets.imports;
}

const key = objectKeys.importUpload(basename(file), new Date(), Math.random().toString(36).slice(2, 8));
const size = statSync(file).size;
const s3 = s3Client();
const started = Date.now();

const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: createReadStream(file), ContentType: 'text/csv' }, queueSize: 4, partSize: 16 * 1024 * 1024 });
upload.on('httpUploadProgress', (p) => {
  const pct = size ? Math.round(((p.loaded ?? 0) / size) * 100) : 100;
  progress(`Uploading ${basename(file)}: ${pct}% of ${(size / 1024 / 1024).toFixed(1)} MB`);
});
try {
  await upload.done();
} catch (err) {
  progressDone();
  console.error(`Upload failed: ${(err as Error).message}`);
  process.exit(2);
}
progressDone(`Uploaded ${basename(file)} to s3://${bucket}/${key}`);

const reportKey = reportKeys(key).json;
const deadline = Date.now() + Number(values.timeout) * 1000;
let report: ImportReport | undefined;
while (!report) {
  try {
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: reportKey }));
    report = JSON.parse(await obj.Body!.transformToString()) as ImportReport;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name !== 'NoSuchKey' && name !== 'NotFound') throw err;
    if (Date.now() > deadline) {
      progressDone();
      console.error(`No import report after ${values.timeout} s at s3://${bucket}/${reportKey}. Check the ingest function's logs.`);
      process.exit(2);
    }
    progress(`Importing ... ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
progressDone();
if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else process.stdout.write(reportText(report));
await exitAfterOutput(report.status === 'accepted' ? 0 : 1);
