/**
 * Erasing a regulated provider's data on request (for example a closed children's home): its
 * profile, inspection history and intelligence signals; its visits with their findings versions,
 * submission statuses, publication and its history, factual accuracy comments, report editions,
 * recipients and email records; its findings uploads (and quarantined ones), its public report and
 * its restricted briefings and earlier editions, every object version where the bucket keeps them.
 *
 * Planning reads only, so ops can see exactly what would go before anything is deleted. Executing
 * a plan is idempotent: deleting what is already gone is not an error, so a run cut short is
 * finished by running it again.
 */
import { DeleteObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, type ObjectIdentifier } from '@aws-sdk/client-s3';
import { emailKeys, keys, type Key } from '../keys';
import { objectKeys, restrictedPrefixes } from '../object-keys';
import { BatchWriter } from './batch-write';
import { dynamoClient } from './clients';
import { s3Client } from './s3-client';
import { requireEnv } from './config';
import { queryAll, scanPages } from './scan';

export interface ObjectToErase {
  readonly bucket: string;
  readonly key: string;
  /** Absent where the bucket keeps no versions (the local S3 emulator); "null" for objects from before versioning. */
  readonly versionId?: string;
}

export interface ErasurePlan {
  readonly urn: string;
  readonly name?: string;
  readonly visitIds: string[];
  /** Table items by entity, e.g. { provider: 1, inspection: 3, visit: 1, findings: 2 }. */
  readonly itemsByEntity: Record<string, number>;
  readonly items: Key[];
  readonly objects: ObjectToErase[];
  /** True when the listing could see every object version (AWS); false on a bucket without versioning support. */
  readonly allVersions: boolean;
}

type Item = Record<string, unknown>;

/** Email records are keyed by what was sent (EMAIL#REPORT#{visitId}#..., EMAIL#REVIEW#{visitId}#..., see emailKeys): found by scan. */
async function emailRecordsFor(visitIds: readonly string[]): Promise<Item[]> {
  if (visitIds.length === 0) return [];
  const prefixesToMatch = visitIds.flatMap((id) => emailKeys.visitPrefixes(id));
  const found: Item[] = [];
  // A filter expression holds a bounded number of operands: match a few dozen prefixes per scan.
  for (let i = 0; i < prefixesToMatch.length; i += 40) {
    const chunk = prefixesToMatch.slice(i, i + 40);
    const values = Object.fromEntries(chunk.map((p, j) => [`:p${j}`, p]));
    const pages = scanPages({
      FilterExpression: `#e = :email AND (${chunk.map((_, j) => `begins_with(pk, :p${j})`).join(' OR ')})`,
      ExpressionAttributeNames: { '#e': 'entity' },
      ExpressionAttributeValues: { ':email': 'email', ...values },
    });
    for await (const page of pages) found.push(...page);
  }
  return found;
}

/** Every object (and, where the bucket keeps them, every version and delete marker) under a prefix. */
async function listObjects(bucket: string, prefix: string): Promise<{ objects: ObjectToErase[]; allVersions: boolean }> {
  const s3 = s3Client();
  const objects: ObjectToErase[] = [];
  try {
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker, VersionIdMarker }));
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) if (v.Key) objects.push({ bucket, key: v.Key, versionId: v.VersionId });
      [KeyMarker, VersionIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextVersionIdMarker] : [undefined, undefined];
    } while (KeyMarker);
    return { objects, allVersions: true };
  } catch (err) {
    // s3rver (the local emulator) has no versioning and refuses the listing: list current objects.
    if (!['NotImplemented', 'MethodNotAllowed'].includes((err as { name?: string }).name ?? '')) throw err;
  }
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    for (const o of page.Contents ?? []) if (o.Key) objects.push({ bucket, key: o.Key });
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return { objects, allVersions: false };
}

/** The folder of a report's objects: reports/{la}/{urn}/{visitId}/ (from the report record's key). */
function reportFolder(htmlKey: string): string {
  return htmlKey.slice(0, htmlKey.lastIndexOf('/') + 1);
}

export async function planProviderErasure(urn: string): Promise<ErasurePlan> {
  const providerItems = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.provider(urn).pk } });
  const visitRefs = await queryAll({
    IndexName: 'gsi4',
    KeyConditionExpression: 'gsi4pk = :t',
    ExpressionAttributeValues: { ':t': keys.visitsOfTarget('provider', urn) },
  });
  const visitIds = [...new Set(visitRefs.map((v) => String(v.visitId)))].sort();
  const visitItems = (
    await Promise.all(visitIds.map((id) => queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.visit(id).pk } })))
  ).flat();
  const emailItems = await emailRecordsFor(visitIds);
  const all = [...providerItems, ...visitItems, ...emailItems];

  const findingsBucket = requireEnv('findingsBucket');
  const reportsBucket = requireEnv('reportsBucket');
  const reportFolders = new Set(visitItems.filter((i) => i.entity === 'report' && typeof i.htmlKey === 'string').map((i) => reportFolder(String(i.htmlKey))));
  const listings = await Promise.all([
    ...visitIds.flatMap((id) => [listObjects(findingsBucket, objectKeys.findingsOfVisit(id)), listObjects(findingsBucket, objectKeys.quarantineOfVisit(id))]),
    ...visitIds.flatMap((id) => restrictedPrefixes(id).map((prefix) => listObjects(reportsBucket, prefix))),
    ...[...reportFolders].map((folder) => listObjects(reportsBucket, folder)),
  ]);

  const itemsByEntity: Record<string, number> = {};
  for (const i of all) itemsByEntity[String(i.entity)] = (itemsByEntity[String(i.entity)] ?? 0) + 1;
  const profile = providerItems.find((i) => i.entity === 'provider');
  return {
    urn,
    name: typeof profile?.name === 'string' ? profile.name : undefined,
    visitIds,
    itemsByEntity,
    items: all.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    objects: listings.flatMap((l) => l.objects),
    allVersions: listings.every((l) => l.allVersions),
  };
}

/** Deletes what the plan lists: table items in batches, objects (with their versions) 1,000 a request. */
export async function executeErasure(plan: ErasurePlan): Promise<{ itemsDeleted: number; objectsDeleted: number }> {
  const writer = new BatchWriter(dynamoClient(), { tableName: requireEnv('tableName'), concurrency: 4 });
  for (const key of plan.items) await writer.delete({ ...key });
  await writer.flush();

  const byBucket = new Map<string, ObjectIdentifier[]>();
  for (const o of plan.objects) {
    const ids = byBucket.get(o.bucket) ?? [];
    ids.push({ Key: o.key, ...(o.versionId ? { VersionId: o.versionId } : {}) });
    byBucket.set(o.bucket, ids);
  }
  let objectsDeleted = 0;
  for (const [Bucket, ids] of byBucket) {
    for (let i = 0; i < ids.length; i += 1000) {
      const out = await s3Client().send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: ids.slice(i, i + 1000), Quiet: true } }));
      if (out.Errors?.length)
        throw new Error(
          `S3 refused to delete ${out.Errors.length} object(s) in ${Bucket}, e.g. ${out.Errors[0]!.Key}: ${out.Errors[0]!.Message}. Run the erasure again to retry.`,
        );
      objectsDeleted += Math.min(1000, ids.length - i);
    }
  }
  return { itemsDeleted: writer.written, objectsDeleted };
}
