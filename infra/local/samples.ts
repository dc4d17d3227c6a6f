/** Loads the bundled sample files through the real path: upload to S3 -> ingest handler. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../shared/aws/s3-client';
import { objectKeys } from '../../shared/object-keys';
import type { LocalCloud } from './cloud';

export const SAMPLE_FILES = [
  'samples/ofsted/providers-as-at-2018-03-31.csv',
  'samples/ofsted/inspections-in-year-2017-18.csv',
  'samples/la-outcomes.synthetic.csv',
  'samples/intelligence.synthetic.csv',
  'samples/commissioners.synthetic.csv',
  'samples/contacts.synthetic.csv',
  'samples/reviewers.synthetic.csv',
] as const;

export async function loadSamples(cloud: LocalCloud, log: (line: string) => void): Promise<void> {
  const root = resolve(import.meta.dirname, '..', '..');
  for (const file of SAMPLE_FILES) {
    const key = objectKeys.sampleImport(basename(file));
    await s3Client().send(
      new PutObjectCommand({ Bucket: cloud.endpoints.buckets.imports, Key: key, Body: readFileSync(resolve(root, file)), ContentType: 'text/csv' }),
    );
    // One at a time, in order: intelligence and contacts refer to providers imported before them.
    await cloud.idle();
    log(`imported ${file}`);
  }
}
