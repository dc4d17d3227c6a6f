/**
 * The web front door: one HTTP API (throttled, with access logs) for the inspectors' findings pages
 * and the public reports and unsubscribe pages, routed to the catalogue's HTTP consumers, and the
 * link secret that signs every link into those pages (visit links, unsubscribe links).
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { httpRoutes, type FunctionId } from '../catalogue';
import { pascal } from './names';

export class Web extends Construct {
  readonly api: apigw.HttpApi;
  /** https://{api}.execute-api.{region}.amazonaws.com, for the findings bucket's CORS rule. */
  readonly origin: string;
  /** The pages' base URL, as links in emails use it. */
  readonly url: string;
  readonly linkSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.api = new apigw.HttpApi(this, 'WebApi', { description: 'Inspector findings pages and the published reports', createDefaultStage: false });
    const stage = new apigw.HttpStage(this, 'WebStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    this.url = stage.url.replace(/\/$/, '');
    this.origin = `https://${this.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    this.linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'HMAC key for inspector visit links and unsubscribe links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key invalidates every outstanding visit link; it is rotated by hand on a schedule set by ops (README runbook: rotating the link secret).',
    });
  }

  /** GET and POST on each catalogue route pattern, one integration per function. */
  routeRequests(fn: (id: FunctionId) => lambda.IFunction): void {
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    for (const route of httpRoutes()) {
      const integration = integrations.get(route.id) ?? new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn(route.id));
      integrations.set(route.id, integration);
      this.api.addRoutes({ path: route.path, methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST], integration });
    }
    for (const route of this.api.node.findAll()) {
      if (route instanceof apigw.HttpRoute) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Pages authenticate each request with an HMAC-signed token in the link (inspectors', reviewers', contacts' and briefing links expire; unsubscribe links do not), checked against the step and the subscription; published reports are public by design.",
        });
      }
    }
  }
}
