/** HTTP API: the provider's or LA's factual accuracy page (the DRAFT report, comments per section). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { factualAccuracyPageDeps } from '../../shared/aws/page-ports';
import { toWebRequest } from '../../shared/aws/web-event';
import { createFactualAccuracyPage } from '../../shared/publication/factual-accuracy-routes';

const page = createFactualAccuracyPage(factualAccuracyPageDeps());

export const handler = instrumented('factual-accuracy-page', async (event: APIGatewayProxyEventV2) => {
  const visitId = /^\/[a-z-]+\/([^/]+)/.exec(event.rawPath)?.[1];
  if (visitId) logger.appendKeys({ correlationId: visitId });
  const response = await page(toWebRequest(event));
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return response;
});
