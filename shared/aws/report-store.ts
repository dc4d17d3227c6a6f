/**
 * Reading what a visit's documents are built from (the visit, a findings version, the provider,
 * the LA's outcome, the intelligence held), and stored report objects. Reading only: building the
 * documents is shared/reports/report-model.ts, deciding what to publish is shared/publication/.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '../domain/types';
import type { DocumentSources } from '../publication/documents';
import { keys } from '../keys';
import { dynamoClient } from './clients';
import { requireEnv } from './config';
import { getFindingsVersion, getVisit } from './findings-store';
import { queryAll } from './scan';
import { laOutcomeItem, parseItem, parseOptional, providerItem, signalItem } from './stored-items';

export async function loadDocumentSources(visitId: string, version: number): Promise<DocumentSources> {
  const visit = await getVisit(visitId);
  if (!visit) throw new Error(`Visit ${visitId} not found`);
  const findings = await getFindingsVersion(visitId, version);
  if (!findings) throw new Error(`Findings version ${version} of visit ${visitId} not found`);
  return { visit, findings, ...(await loadVisitContext(visit)) };
}

/** What a visit's documents need besides the findings: the provider (or none, for an LA), the LA's outcome, the intelligence held. */
export async function loadVisitContext(visit: Visit): Promise<Omit<DocumentSources, 'visit' | 'findings'>> {
  const TableName = requireEnv('tableName');
  const partition = visit.kind === 'provider' ? keys.provider(visit.target).pk : keys.laOutcome(visit.target).pk;
  const [signals, provider, laOutcome] = await Promise.all([
    queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': partition, ':sk': 'SIGNAL#' } }),
    visit.kind === 'provider' ? dynamoClient().send(new GetCommand({ TableName, Key: keys.provider(visit.target) })) : Promise.resolve({ Item: undefined }),
    dynamoClient().send(new GetCommand({ TableName, Key: keys.laOutcome(visit.localAuthority) })),
  ]);
  return {
    provider: parseOptional(providerItem, provider.Item, 'provider'),
    laOutcome: parseOptional(laOutcomeItem, laOutcome.Item, 'LA outcome'),
    signals: signals.map((s) => parseItem(signalItem, s, 'signal')),
  };
}
