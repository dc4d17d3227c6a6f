/** Reading the people publication involves: reviewers by region, contacts by provider or LA, commissioners. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Commissioner, Contact, Reviewer, VisitTarget } from '../domain/types';
import { COMMISSIONERS, keys } from '../keys';
import { dynamoClient } from './clients';
import { requireEnv } from './config';
import { queryAll } from './scan';
import { commissionerItem, contactItem, parseItem, parseOptional, reviewerItem } from './stored-items';

export async function reviewersOf(region: string): Promise<Reviewer[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.reviewer(region, '').pk } });
  return items.map((i) => parseItem(reviewerItem, i, 'reviewer'));
}

/** The factual accuracy contacts of the provider (by URN) or the LA a visit is to. */
export async function contactsOf(visit: Pick<VisitTarget, 'kind' | 'target'>): Promise<Contact[]> {
  const k = keys.contactsPrefix(visit.kind === 'provider' ? { urn: visit.target } : { localAuthority: visit.target });
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix } });
  return items.map((i) => parseItem(contactItem, i, 'contact'));
}

export async function getCommissioner(commissionerId: string): Promise<Commissioner | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.commissioner(commissionerId) }));
  return parseOptional(commissionerItem, out.Item, 'commissioner');
}

/** Every commissioner, from their listing in gsi1 (a Query of one partition, not a Scan of the table). */
export async function listCommissioners(): Promise<Commissioner[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': COMMISSIONERS } });
  return items.map((i) => parseItem(commissionerItem, i, 'commissioner'));
}
