import { describe, expect, it } from 'vitest';
import {
  awsOnlyEnv,
  consumersOf,
  env,
  functionEnvironment,
  functionIds,
  functions,
  httpRoutes,
  isAsynchronous,
  localOnlyEnv,
  routeMatches,
  type EnvironmentValues,
} from '../../../infra/catalogue';

const localValues: EnvironmentValues<'local'> = {
  tableName: 'visits',
  importsBucket: 'visits-imports',
  findingsBucket: 'visits-findings',
  reportsBucket: 'visits-reports',
  eventBusName: 'visits',
  notifyQueueUrl: 'http://127.0.0.1:4010/000000000000/visits-notify',
  linkSecretFile: '.local/link-secret',
  senderEmail: 'visits@example.gov.uk',
  webBaseUrl: 'http://127.0.0.1:3000',
  reviewerMailboxes: '',
  s3ForcePathStyle: 'true',
};

describe('the catalogue lookups', () => {
  it('sends an object created under a prefix to the function whose trigger names that bucket and prefix', () => {
    expect(consumersOf({ s3: { bucket: 'imports', key: 'imports/2020/providers.csv' } })).toEqual(['ingestImport']);
    expect(consumersOf({ s3: { bucket: 'findings', key: 'findings/v-1/s-1.json' } })).toEqual(['ingestFindings']);
    expect(consumersOf({ s3: { bucket: 'imports', key: 'import-reports/2020/providers.csv.json' } })).toEqual([]);
    expect(consumersOf({ s3: { bucket: 'findings', key: 'imports/x.csv' } })).toEqual([]);
  });

  it('routes pipeline events, schedules, the notify queue and SES notices to their consumers', () => {
    expect(consumersOf({ event: 'ImportCompleted' })).toEqual(['prioritise']);
    expect(consumersOf({ event: 'PublicationChanged' })).toEqual(['prioritise', 'publicationWorker']);
    expect(consumersOf({ schedule: 'nightlyPrioritise' })).toEqual(['prioritise']);
    expect(consumersOf({ schedule: 'weeklyDigest' })).toEqual(['weeklyDigest']);
    expect(consumersOf({ queue: 'notify' })).toEqual(['notifyCommissioners']);
    expect(consumersOf({ sns: 'sesFeedback' })).toEqual(['sesFeedback']);
  });

  it('matches an HTTP path against the route patterns, {proxy+} taking one or more characters', () => {
    expect(consumersOf({ http: '/visits/v-1' })).toEqual(['findingsPage']);
    expect(consumersOf({ http: '/reports/index.html' })).toEqual(['publicSite']);
    expect(consumersOf({ http: '/unsubscribe' })).toEqual(['publicSite']);
    expect(consumersOf({ http: '/visits/' })).toEqual([]);
    expect(consumersOf({ http: '/unsubscribe/x' })).toEqual([]);
    expect(routeMatches('/assets/{proxy+}', '/assets/findings.js')).toBe(true);
    expect(httpRoutes().every((r) => consumersOf({ http: r.path.replace('{proxy+}', 'x') }).includes(r.id))).toBe(true);
  });

  it('counts HTTP and queue consumers as synchronous (no failure destination) and the rest as asynchronous', () => {
    expect(functionIds.filter((id) => !isAsynchronous(id)).sort()).toEqual([
      'briefingPage',
      'factualAccuracyPage',
      'findingsPage',
      'notifyCommissioners',
      'publicSite',
      'reviewPage',
    ]);
    expect(functionIds.every((id) => functions[id].dir.length > 0)).toBe(true);
  });
});

describe('the function environment', () => {
  it("maps every catalogue variable to its name, leaving out only the other place's own", () => {
    const out = functionEnvironment('local', localValues);
    const expected = (Object.keys(env) as (keyof typeof env)[]).filter((k) => !(awsOnlyEnv as readonly string[]).includes(k)).map((k) => env[k]);
    expect(Object.keys(out).sort()).toEqual(expected.sort());
    expect(out.LINK_SECRET_FILE).toBe('.local/link-secret');
    expect(localOnlyEnv.every((k) => env[k] in out)).toBe(true);
  });

  it("does not compile without a variable, or with the other place's variable (type test)", () => {
    const { linkSecretFile: _omitted, ...withoutSecretFile } = localValues;
    // @ts-expect-error linkSecretFile is missing: the local stand-in must give every variable a value.
    const missing = functionEnvironment('local', withoutSecretFile);
    // At run time nothing would notice: the variable would simply be absent from every function.
    expect(missing.LINK_SECRET_FILE).toBeUndefined();
    // @ts-expect-error linkSecretArn is AWS-only: the local stand-in has no Secrets Manager.
    functionEnvironment('local', { ...localValues, linkSecretArn: 'arn:aws:secretsmanager:eu-west-2:1:secret:x' });
    // @ts-expect-error the stack must give sesConfigurationSet and linkSecretArn, and not the local-only variables.
    functionEnvironment('aws', localValues);
  });
});
