/** HTTP API: the reviewer's page (approve, return, answer factual accuracy comments, record enforcement taken). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { reviewPageDeps } from '../../shared/aws/page-ports';
import { toWebRequest } from '../../shared/aws/web-event';
import { createReviewPage } from '../../shared/publication/review-routes';

const page = createReviewPage(reviewPageDeps());

export const handler = instrumented('review-page', async (event: APIGatewayProxyEventV2) => {
  const visitId = /^\/[a-z-]+\/([^/]+)/.exec(event.rawPath)?.[1];
  if (visitId) logger.appendKeys({ correlationId: visitId });
  const response = await page(toWebRequest(event));
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return response;
});
