/**
 * Publication storage: the publication item (state and history), with the writes that go with a
 * change in the same transaction (a findings version, a submission, a comment, the visit's status),
 * the comments, the report editions and who was emailed them. A change is written only if the
 * item's `seq` is still the one the decision was made on (or the item does not exist yet), so two
 * changes made at once cannot both land: the loser reads again and decides again.
 */
import { GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../zod-english';
import { onFirstUse } from '../on-first-use';
import { keys } from '../keys';
import { dueOn, type Publication } from '../publication/lifecycle';
import type { WithPublication } from '../publication/ports';
import type { FactualAccuracyComment, ReportEdition, ReportRecipient } from '../publication/records';
import { dynamoClient } from './clients';
import { requireEnv } from './config';
import { queryAll } from './scan';
import { parseItem, parseOptional, publicationItem } from './stored-items';

const table = () => requireEnv('tableName');

export async function getPublication(visitId: string): Promise<Publication | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.publication(visitId), ConsistentRead: true }));
  return parseOptional(publicationItem, out.Item, 'publication');
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function extraItem(w: WithPublication): TransactItem {
  const TableName = table();
  switch (w.kind) {
    case 'findings-version':
      return {
        Put: {
          TableName,
          Item: { ...keys.findingsVersion(w.version.visitId, w.version.version), entity: 'findings', ...w.version },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    case 'submission-accepted':
      return {
        Put: {
          TableName,
          Item: {
            ...keys.submission(w.visitId, w.submissionId),
            entity: 'submission',
            visitId: w.visitId,
            submissionId: w.submissionId,
            inspector: w.inspector,
            state: 'accepted',
            version: w.version,
            objectVersion: w.objectVersion,
            at: new Date().toISOString(),
          },
          ConditionExpression: '#s = :waiting',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':waiting': 'waiting' },
        },
      };
    case 'comment':
      return { Put: { TableName, Item: { ...keys.comment(w.comment.visitId, w.comment.commentId), entity: 'comment', ...w.comment } } };
    case 'visit-status':
      return {
        Update: {
          TableName,
          Key: keys.visit(w.visitId),
          UpdateExpression: w.visitedOn ? 'SET #s = :s, visitedOn = :on' : 'SET #s = :s',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': w.status, ...(w.visitedOn ? { ':on': w.visitedOn } : {}) },
        },
      };
  }
}

/**
 * Write a decided change: the publication (only if its seq is still `expectedSeq`), and the rest
 * with it. 'conflict' when someone else changed it first, or when a condition on the rest failed
 * (a submission already used, a version number taken): read again and decide again.
 */
export async function savePublication(next: Publication, expectedSeq: number, extras: readonly WithPublication[] = []): Promise<'saved' | 'conflict'> {
  const due = dueOn(next);
  const item = { ...keys.publication(next.visitId), ...(due ? keys.publicationDue(due, next.visitId) : {}), entity: 'publication', ...next };
  const put: TransactItem = {
    Put: {
      TableName: table(),
      Item: item,
      ConditionExpression: expectedSeq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seq',
      ...(expectedSeq === 0 ? {} : { ExpressionAttributeValues: { ':seq': expectedSeq } }),
    },
  };
  try {
    await dynamoClient().send(new TransactWriteCommand({ TransactItems: [put, ...extras.map(extraItem)] }));
    return 'saved';
  } catch (err) {
    if ((err as { name?: string }).name === 'TransactionCanceledException') return 'conflict';
    throw err;
  }
}

/** Publications with something due on or before `today` (windows to close, dates to publish on). */
export async function listDuePublications(today: string): Promise<Publication[]> {
  const bound = keys.publicationDueUpTo(today);
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :below',
    ExpressionAttributeValues: { ':p': bound.pk, ':below': bound.skBelow },
  });
  return items.map((i) => parseItem(publicationItem, i, 'publication'));
}

// ---- Comments --------------------------------------------------------------------------------

const commentItem = onFirstUse(
  () =>
    z.object({
      visitId: z.string(),
      commentId: z.string(),
      version: z.int(),
      section: z.string(),
      sectionHeading: z.string(),
      text: z.string(),
      by: z.string(),
      at: z.string(),
      decision: z.optional(z.object({ accepted: z.boolean(), reason: z.string(), by: z.string(), at: z.string(), newVersion: z.optional(z.int()) })),
    }) satisfies z.ZodMiniType<FactualAccuracyComment>,
);

export async function listComments(visitId: string): Promise<FactualAccuracyComment[]> {
  const k = keys.commentsPrefix(visitId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => parseItem(commentItem, i, 'comment'));
}

// ---- Editions and recipients -------------------------------------------------------------------

const editionItem = onFirstUse(
  () =>
    z.object({
      visitId: z.string(),
      edition: z.int(),
      kind: z.enum(['publication', 'amendment', 'withdrawal']),
      version: z.int(),
      title: z.string(),
      targetName: z.string(),
      urn: z.optional(z.string()),
      localAuthority: z.string(),
      region: z.string(),
      publishedAt: z.string(),
      at: z.string(),
      htmlKey: z.string(),
      pdfKey: z.optional(z.string()),
      seriousConcerns: z.boolean(),
      note: z.optional(z.string()),
    }) satisfies z.ZodMiniType<ReportEdition>,
);

export async function putEdition(e: ReportEdition): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.reportVersion(e.visitId, e.edition),
        ...keys.reportIndexes({ publishedAt: e.at, localAuthority: e.localAuthority, visitId: e.visitId, version: e.edition }),
        entity: 'report',
        ...e,
      },
    }),
  );
}

export async function getEdition(visitId: string, edition: number): Promise<ReportEdition | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.reportVersion(visitId, edition), ConsistentRead: true }));
  return parseOptional(editionItem, out.Item, 'report edition');
}

/** Every edition of every visit made on or after `since` (ISO), newest first. */
export async function listEditions(since?: string): Promise<ReportEdition[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: since ? 'gsi1pk = :p AND gsi1sk >= :since' : 'gsi1pk = :p',
    ExpressionAttributeValues: since ? { ':p': 'PUBLISHED', ':since': since } : { ':p': 'PUBLISHED' },
    ScanIndexForward: false,
  });
  return items.map((i) => parseItem(editionItem, i, 'report edition'));
}

const recipientItem = onFirstUse(
  () =>
    z.object({
      visitId: z.string(),
      email: z.string(),
      commissionerId: z.optional(z.string()),
      name: z.optional(z.string()),
      at: z.string(),
    }) satisfies z.ZodMiniType<ReportRecipient>,
);

export async function putRecipient(r: ReportRecipient): Promise<void> {
  await dynamoClient().send(
    new PutCommand({ TableName: table(), Item: { ...keys.recipient(r.visitId, r.email), entity: 'recipient', ...r, email: r.email.trim().toLowerCase() } }),
  );
}

export async function listRecipients(visitId: string): Promise<ReportRecipient[]> {
  const k = keys.recipientsPrefix(visitId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => parseItem(recipientItem, i, 'report recipient'));
}
