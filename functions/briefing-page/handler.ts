/** HTTP API: a commissioner's restricted briefing (signed link checked against the subscription, no-store). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { briefingPageDeps } from '../../shared/aws/page-ports';
import { toWebRequest } from '../../shared/aws/web-event';
import { createBriefingPage } from '../../shared/publication/briefing-routes';

const page = createBriefingPage(briefingPageDeps());

export const handler = instrumented('briefing-page', async (event: APIGatewayProxyEventV2) => {
  const visitId = /^\/[a-z-]+\/([^/]+)/.exec(event.rawPath)?.[1];
  if (visitId) logger.appendKeys({ correlationId: visitId });
  const response = await page(toWebRequest(event));
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return response;
});
