/**
 * Erasing a provider's data on request, on the emulators: after a visit whose findings were
 * published and emailed, the plan lists every item and object, executing it leaves nothing of
 * that provider (table, findings, reports, index), another provider is untouched, and a second
 * run finds nothing to do.
 */
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { dynamoClient } from '../../shared/aws/clients';
import { s3Client } from '../../shared/aws/s3-client';
import { executeErasure, planProviderErasure } from '../../shared/aws/provider-erasure';
import { getEdition } from '../../shared/aws/publication-store';
import type { Visit } from '../../shared/domain/types';
import { keys } from '../../shared/keys';
import { getText, useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { waitForEmail } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

async function publishedVisit(name: string, la: string): Promise<Visit> {
  const visit = await putVisit({ localAuthority: la, targetName: name, provisionType: 'Independent Fostering Agency' });
  await publishThroughReview(e, visit);
  return visit;
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('erasing a provider on request', () => {
  it('lists, then deletes, every item and object of the provider and nothing of anyone else', async () => {
    const la = `Erasureshire ${randomUUID().slice(0, 4)}`;
    const commissioner = await putCommissioner({ localAuthorities: [la] });
    const erased = await publishedVisit(`Closed Home ${randomUUID().slice(0, 4)}`, la);
    const kept = await publishedVisit(`Open Home ${randomUUID().slice(0, 4)}`, la);
    await waitForEmail(e.ses, (m) => m.subject.includes(erased.targetName) && m.destination.to.some((t) => t.includes(commissioner.email)));
    const table = e.table;
    await dynamoClient().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...keys.signal({ urn: erased.target }, '2020-08-01', 's-erase'),
          entity: 'signal',
          signalId: 's-erase',
          type: 'complaint',
          date: '2020-08-01',
          urn: erased.target,
          severity: 1,
          open: true,
        },
      }),
    );
    const report = (await getEdition(erased.visitId, 1))!;
    expect(await getText(e.buckets.reports, 'reports/index.html')).toContain(erased.targetName);

    const plan = await planProviderErasure(erased.target);
    expect(plan.name).toBe(erased.targetName);
    expect(plan.visitIds).toEqual([erased.visitId]);
    const { email, ...others } = plan.itemsByEntity;
    const { recipient, ...rest } = others;
    expect(rest).toEqual({ provider: 1, signal: 1, visit: 1, findings: 1, submission: 1, publication: 1, report: 1 });
    // One email record per email sent (the reviewer's, each commissioner's), one recipient record per commissioner emailed.
    expect(email).toBeGreaterThanOrEqual(2);
    expect(recipient).toBeGreaterThanOrEqual(1);
    const objectKeys = plan.objects.map((o) => o.key);
    expect(objectKeys).toEqual(
      expect.arrayContaining([report.htmlKey, report.pdfKey, `restricted/briefings/${erased.visitId}/e1.pdf`, `restricted/editions/${erased.visitId}/e1.html`]),
    );
    expect(objectKeys.some((k) => k.startsWith(`findings/${erased.visitId}/`))).toBe(true);
    expect(objectKeys.every((k) => k.includes(erased.visitId))).toBe(true);

    const done = await executeErasure(plan);
    expect(done).toEqual({ itemsDeleted: plan.items.length, objectsDeleted: plan.objects.length });
    const { regenerateIndex } = await import('../../shared/aws/report-publisher');
    await regenerateIndex();

    const left = await dynamoClient().send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.provider(erased.target).pk } }),
    );
    expect(left.Items).toEqual([]);
    expect((await dynamoClient().send(new GetCommand({ TableName: table, Key: keys.visit(erased.visitId) }))).Item).toBeUndefined();
    expect(await exists(e.buckets.reports, report.htmlKey)).toBe(false);
    expect(await exists(e.buckets.reports, report.pdfKey!)).toBe(false);
    const index = await getText(e.buckets.reports, 'reports/index.html');
    expect(index).not.toContain(erased.targetName);
    expect(index).toContain(kept.targetName);

    // The other provider in the same LA keeps everything.
    const keptReport = (await getEdition(kept.visitId, 1))!;
    expect(await exists(e.buckets.reports, keptReport.pdfKey!)).toBe(true);
    expect((await dynamoClient().send(new GetCommand({ TableName: table, Key: keys.provider(kept.target) }))).Item).toBeDefined();

    // Idempotent: a second run has nothing left to do.
    const again = await planProviderErasure(erased.target);
    expect(again.items.length + again.objects.length).toBe(0);
  });
});
