/**
 * The pre-signed POST policy, decoded and checked condition by condition. s3rver does not enforce
 * POST policies; AWS does, so this is the check that the real bucket will refuse anything else.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { limits } from '../../../infra/catalogue';
import { createFindingsPost } from '../../../shared/aws/presigned-post';

type Condition = Record<string, string> | [string, string, string | number];

async function decoded() {
  const s3 = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const started = Date.now();
  const post = await createFindingsPost({
    s3,
    bucket: 'visits-findings-prod',
    visitId: 'v-2020-0001',
    submissionId: '7f3c2a9e-1b2c-4d5e-8f90-123456789abc',
    inspector: 'ann@inspectorate.example.gov.uk',
  });
  const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: Condition[] };
  return { post, policy, started };
}

describe('the findings upload policy', () => {
  it('pins the exact key, the content type and the size range', async () => {
    const { post, policy } = await decoded();
    expect(post.fields.key).toBe('findings/v-2020-0001/7f3c2a9e-1b2c-4d5e-8f90-123456789abc.json');
    expect(policy.conditions).toContainEqual(['eq', '$key', 'findings/v-2020-0001/7f3c2a9e-1b2c-4d5e-8f90-123456789abc.json']);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/json']);
    expect(policy.conditions).toContainEqual(['content-length-range', 2, limits.findingsMaxBytes]);
    expect(limits.findingsMaxBytes).toBe(256 * 1024);
    // No starts-with condition anywhere: nothing is open-ended.
    expect(policy.conditions.filter((c) => Array.isArray(c) && c[0] === 'starts-with')).toEqual([]);
  });

  it('carries the inspector, visit and submission in x-amz-meta fields the policy requires exactly', async () => {
    const { post, policy } = await decoded();
    expect(policy.conditions).toContainEqual(['eq', '$x-amz-meta-inspector', 'ann@inspectorate.example.gov.uk']);
    expect(policy.conditions).toContainEqual(['eq', '$x-amz-meta-visit-id', 'v-2020-0001']);
    expect(policy.conditions).toContainEqual(['eq', '$x-amz-meta-submission-id', '7f3c2a9e-1b2c-4d5e-8f90-123456789abc']);
    expect(post.fields['x-amz-meta-inspector']).toBe('ann@inspectorate.example.gov.uk');
    expect(post.fields['Content-Type']).toBe('application/json');
  });

  it('is for the findings bucket only and expires after 15 minutes', async () => {
    const { post, policy, started } = await decoded();
    expect(policy.conditions).toContainEqual({ bucket: 'visits-findings-prod' });
    const lifetime = Date.parse(policy.expiration) - started;
    expect(limits.findingsPostExpirySeconds).toBe(15 * 60);
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    expect(post.fields['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
    expect(post.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });
});
