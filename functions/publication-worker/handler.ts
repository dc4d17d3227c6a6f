/**
 * PublicationChanged -> what follows the change: a reviewer assigned; the reviewer, the inspector or
 * the contacts emailed; at publication, amendment and withdrawal the documents, the index and the
 * notices. Idempotent: EventBridge delivers at least once.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../shared/zod-english';
import { optionalEnv } from '../../shared/aws/config';
import { getVisit } from '../../shared/aws/findings-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { contactsOf, reviewersOf } from '../../shared/aws/people-store';
import { publicationPorts } from '../../shared/aws/publication-ports';
import { publisherPorts } from '../../shared/aws/report-publisher';
import { PUBLICATION_ACTIONS } from '../../shared/publication/lifecycle';
import { parseReviewerMailboxes } from '../../shared/publication/people';
import { handlePublicationChanged } from '../../shared/publication/worker';

const detail = z.object({ visitId: z.string().check(z.minLength(1)), seq: z.int().check(z.positive()), action: z.enum(PUBLICATION_ACTIONS) });
const reviewerMailboxes = parseReviewerMailboxes(optionalEnv('reviewerMailboxes'));

export const handler = instrumented('publication-worker', async (event: EventBridgeEvent<'PublicationChanged', unknown>) => {
  const change = detail.parse(event.detail);
  logger.appendKeys({ correlationId: change.visitId });
  const outcome = await handlePublicationChanged(
    {
      ...publicationPorts(),
      ...publisherPorts(),
      getVisit,
      reviewersOf,
      reviewerMailboxes,
      contactsOf,
      warn: (message, extra) => logger.warn(message, extra),
    },
    change,
  );
  if (outcome.did === 'published') metrics.addMetric('ReportEditionsPublished', MetricUnit.Count, 1);
  logger.info('publication change handled', { ...change, ...outcome });
});
