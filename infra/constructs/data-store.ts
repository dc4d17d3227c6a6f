/**
 * Where the pipeline keeps things: the single table (key layout in shared/keys.ts), the imports,
 * findings and reports buckets (object layout in shared/object-keys.ts), and the bucket that
 * receives their server access logs. S3 uploads are routed to the catalogue's consumers here.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { buckets, consumersOf, prefixes, table as tableSpec, type BucketId, type FunctionId } from '../catalogue';

export interface DataStoreProps {
  /** The web origin allowed to POST findings uploads straight to the findings bucket. */
  readonly findingsUploadOrigin: string;
}

export class DataStore extends Construct {
  readonly table: dynamodb.Table;
  readonly buckets: Record<BucketId, s3.Bucket>;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    this.table = createTable(this);
    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the server access log bucket; logging it into itself would loop.' });
    const made: Partial<Record<BucketId, s3.Bucket>> = {};
    for (const b of Object.keys(buckets) as BucketId[]) made[b] = createBucket(this, b, accessLogs, props.findingsUploadOrigin);
    this.buckets = made as Record<BucketId, s3.Bucket>;
  }

  /** S3 ObjectCreated -> the catalogue's consumers of each bucket prefix. */
  routeUploads(fn: (id: FunctionId) => lambda.IFunction): void {
    for (const b of Object.keys(buckets) as BucketId[]) {
      for (const prefix of buckets[b].prefixes) {
        for (const id of consumersOf({ s3: { bucket: b, key: prefix } })) {
          this.buckets[b].addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn(id)), { prefix });
        }
      }
    }
    for (const c of Stack.of(this).node.children) {
      if (c.node.id.startsWith('BucketNotificationsHandler')) {
        Validations.of(c).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's own custom resource that installs the S3 event notifications; it runs only during deployment.",
        });
      }
    }
  }
}

function createTable(scope: Construct): dynamodb.Table {
  const table = new dynamodb.Table(scope, tableSpec.logicalId, {
    partitionKey: { name: tableSpec.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: tableSpec.sortKey, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    timeToLiveAttribute: tableSpec.ttlAttribute,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of tableSpec.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}

/** Imports expire after 90 days and are not versioned; findings and reports keep noncurrent versions for a year. */
function createBucket(scope: Construct, id: BucketId, accessLogs: s3.IBucket, findingsUploadOrigin: string): s3.Bucket {
  return new s3.Bucket(scope, buckets[id].logicalId, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: id !== 'imports',
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: `${id}/`,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: id === 'imports' ? [{ prefix: prefixes.imports, expiration: Duration.days(90) }] : [{ noncurrentVersionExpiration: Duration.days(365) }],
    cors:
      id === 'findings'
        ? [{ allowedOrigins: [findingsUploadOrigin], allowedMethods: [s3.HttpMethods.POST], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAge: 300 }]
        : undefined,
  });
}
