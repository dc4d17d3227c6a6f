/**
 * What the SDK clients the functions use put on the wire and read back, with no network: each
 * request is captured by a stand-in HTTP handler that answers with a canned response. Run from
 * source and from a bundle built with the Lambda settings by test/unit/infra/schema-keys.test.ts:
 * the two must print the same JSON, so rewriting the SDK schemas' keys changed nothing.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { Readable } from 'node:stream';

interface Wire {
  method: string;
  path: string;
  query: unknown;
  headers: Record<string, string>;
  body: string;
}

const wire: Wire[] = [];
const VOLATILE =
  /^(authorization|x-amz-date|x-amz-content-sha256|amz-sdk-invocation-id|amz-sdk-request|user-agent|x-amz-user-agent|x-amz-checksum-.*|x-amz-sdk-checksum-algorithm)$/;

function capture(answer: { headers: Record<string, string>; body: string }) {
  return {
    handle: async (req: HttpRequest) => {
      const body = typeof req.body === 'string' ? req.body : req.body instanceof Uint8Array ? new TextDecoder().decode(req.body) : '';
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !VOLATILE.test(k.toLowerCase())));
      wire.push({ method: req.method, path: req.path, query: req.query, headers, body });
      return { response: new HttpResponse({ statusCode: 200, headers: answer.headers, body: Readable.from([Buffer.from(answer.body)]) }) };
    },
  };
}

const credentials = { accessKeyId: 'probe', secretAccessKey: 'probe' };
const s3 = (answer: { headers: Record<string, string>; body: string }) =>
  new S3Client({ region: 'eu-west-2', credentials, requestHandler: capture(answer), requestChecksumCalculation: 'WHEN_REQUIRED' });

const put = await s3({ headers: { etag: '"e1"', 'x-amz-version-id': 'v1', 'x-amz-server-side-encryption': 'aws:kms' }, body: '' }).send(
  new PutObjectCommand({
    Bucket: 'reports',
    Key: 'reports/a b/report.html',
    Body: '<p>x</p>',
    ContentType: 'text/html; charset=utf-8',
    CacheControl: 'no-cache',
    Metadata: { visit: 'V-1' },
    Tagging: 'public=yes',
    ServerSideEncryption: 'aws:kms',
    IfNoneMatch: '*',
  }),
);
const get = await s3({
  headers: {
    etag: '"e2"',
    'content-length': '5',
    'content-type': 'text/csv',
    'x-amz-meta-kind': 'providers',
    'last-modified': 'Tue, 01 Sep 2020 10:00:00 GMT',
  },
  body: 'a,b\n',
}).send(new GetObjectCommand({ Bucket: 'imports', Key: 'imports/providers.csv', Range: 'bytes=0-4', VersionId: 'v9' }));
const head = await s3({ headers: { 'content-length': '42', 'x-amz-meta-submission': 's-1' }, body: '' }).send(
  new HeadObjectCommand({ Bucket: 'findings', Key: 'findings/v/s.json' }),
);
const list = await s3({
  headers: { 'content-type': 'application/xml' },
  body: '<?xml version="1.0"?><ListBucketResult><Name>reports</Name><KeyCount>1</KeyCount><IsTruncated>true</IsTruncated><NextContinuationToken>t2</NextContinuationToken><Contents><Key>reports/x.html</Key><Size>12</Size><ETag>"e3"</ETag><LastModified>2020-09-01T10:00:00.000Z</LastModified></Contents></ListBucketResult>',
}).send(new ListObjectsV2Command({ Bucket: 'reports', Prefix: 'reports/', ContinuationToken: 't1', MaxKeys: 10 }));
const ses = new SESv2Client({
  region: 'eu-west-2',
  credentials,
  requestHandler: capture({ headers: { 'content-type': 'application/json' }, body: '{"MessageId":"m-1"}' }),
});
const sent = await ses.send(
  new SendEmailCommand({
    FromEmailAddress: 'visits@example.gov.uk',
    Destination: { ToAddresses: ['a@example.gov.uk'] },
    Content: {
      Simple: {
        Subject: { Data: 'Subject', Charset: 'UTF-8' },
        Body: { Text: { Data: 'Text' }, Html: { Data: '<p>Html</p>' } },
        Headers: [{ Name: 'List-Unsubscribe', Value: '<https://x/u>' }],
        Attachments: [{ FileName: 'b.pdf', RawContent: Buffer.from('%PDF-'), ContentType: 'application/pdf', ContentDisposition: 'ATTACHMENT' }],
      },
    },
    ConfigurationSetName: 'visits',
  }),
);

const plain = (output: object) => {
  const { $metadata: _, Body: __, ...rest } = output as Record<string, unknown>;
  return rest;
};
console.log(
  JSON.stringify({
    wire,
    outputs: [plain(put), { ...plain(get), Body: await get.Body?.transformToString() }, plain(head), plain(list), plain(sent)],
  }),
);
