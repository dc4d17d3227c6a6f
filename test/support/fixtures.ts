/** Hand-made visits, providers and commissioners for tests that do not go through prioritisation. */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from '../../shared/aws/clients';
import { requireEnv } from '../../shared/aws/config';
import type { Commissioner, Contact, OfstedRegion, Provider, Reviewer, Visit } from '../../shared/domain/types';
import type { Findings } from '../../shared/findings/schema';
import { entityItems } from '../../shared/ingest/kinds';
import { keys } from '../../shared/keys';
import { anInspection, aProvider } from './builders';

export async function putProvider(over: Partial<Provider> = {}): Promise<Provider> {
  // Eight digits: never one of the real (six-digit) URNs the sample files carry.
  const urn =
    over.urn ??
    `SC${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`;
  const provider = aProvider(urn, {
    name: 'Hillside Children’s Home',
    snapshotId: 'fixture',
    latestFullInspection: anInspection(urn, '2019-03-12', 'requires-improvement', 'Full inspection', 'Requires improvement to be good'),
    ...over,
  });
  await dynamoClient().send(new PutCommand({ TableName: requireEnv('tableName'), Item: entityItems({ kind: 'providers', entity: provider })[0] }));
  return provider;
}

export async function putVisit(over: Partial<Visit> = {}): Promise<Visit> {
  const provider =
    over.kind === 'la'
      ? undefined
      : await putProvider({
          localAuthority: over.localAuthority ?? 'Testshire',
          region: over.region ?? 'North West',
          ...(over.target ? { urn: over.target } : {}),
          ...(over.targetName ? { name: over.targetName } : {}),
          ...(over.provisionType ? { provisionType: over.provisionType } : {}),
        });
  const visit: Visit = {
    visitId: `v-test-${randomUUID().slice(0, 8)}`,
    programmeId: 'p-test',
    kind: 'provider',
    target: provider?.urn ?? 'Testshire',
    targetName: provider?.name ?? 'Testshire',
    provisionType: provider?.provisionType,
    localAuthority: 'Testshire',
    region: 'North West',
    week: '2020-09-07',
    noticeDate: '2020-09-02',
    inspector: 'north-west.inspectors@inspectorate.example.gov.uk',
    score: 40,
    reasons: ['Requires improvement at last full inspection (12/03/2019): +25'],
    status: 'planned',
    ...over,
  };
  await dynamoClient().send(
    new PutCommand({ TableName: requireEnv('tableName'), Item: { ...keys.visit(visit.visitId), ...keys.visitIndexes(visit), entity: 'visit', ...visit } }),
  );
  return visit;
}

export async function putCommissioner(over: Partial<Commissioner> = {}): Promise<Commissioner> {
  const c: Commissioner = {
    commissionerId: `c-${randomUUID().slice(0, 8)}`,
    name: 'Sam Commissioner',
    email: `sam.${randomUUID().slice(0, 6)}@testshire.example.gov.uk`,
    organisation: 'Testshire County Council',
    localAuthorities: ['Testshire'],
    regions: [],
    urns: [],
    ...over,
  };
  await dynamoClient().send(
    new PutCommand({
      TableName: requireEnv('tableName'),
      Item: { ...keys.commissioner(c.commissionerId), ...keys.commissionerListed(c.commissionerId), entity: 'commissioner', ...c },
    }),
  );
  return c;
}

/** A provider's or LA's factual accuracy contact, stored as the `contacts` import kind stores it. */
export async function putContact(target: { urn?: string; localAuthority?: string }, over: Partial<Contact> = {}): Promise<Contact> {
  const c: Contact = {
    contactId: `k-${randomUUID().slice(0, 8)}`,
    name: 'Morgan Manager',
    email: `manager.${randomUUID().slice(0, 6)}@provider.example.org`,
    role: 'Registered manager',
    ...target,
    ...over,
  };
  await dynamoClient().send(new PutCommand({ TableName: requireEnv('tableName'), Item: { ...keys.contact(target, c.email), entity: 'contact', ...c } }));
  return c;
}

/** A reviewer for regions, stored as the `reviewers` import kind stores them (one item per region). */
export async function putReviewer(regions: OfstedRegion[], over: Partial<Reviewer> = {}): Promise<Reviewer> {
  const r: Reviewer = {
    reviewerId: `r-${randomUUID().slice(0, 8)}`,
    name: 'Rowan Reviewer',
    email: `reviewer.${randomUUID().slice(0, 6)}@inspectorate.example.gov.uk`,
    regions,
    ...over,
  };
  for (const region of regions)
    await dynamoClient().send(new PutCommand({ TableName: requireEnv('tableName'), Item: { ...keys.reviewer(region, r.email), entity: 'reviewer', ...r } }));
  return r;
}

export function validFindings(visit: Pick<Visit, 'visitId' | 'kind'>, over: Partial<Findings> = {}): Findings {
  return {
    schemaVersion: 1,
    visitId: visit.visitId,
    visitStartDate: '2020-09-08',
    visitEndDate: '2020-09-09',
    method: 'on-site',
    childrensExperiences: 'Children said they feel safe and are helped to keep in touch with family.',
    pandemicDecisions: 'Leaders kept staffing stable and recorded why each change to contact was made.',
    ...(visit.kind === 'la' ? { schoolsJoinedUp: 'Virtual school staff checked on every child weekly while schools were closed.' } : {}),
    goingWell: ['Children have trusted adults', 'Records of decisions are clear'],
    needsToImprove: ['Return-home interviews are not always offered'],
    requirements: [],
    recommendations: [],
    seriousConcerns: false,
    ...over,
  };
}
