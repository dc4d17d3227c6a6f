/**
 * Powertools Logger, Metrics and Tracer, one instance each per container, and the middy
 * middleware stack every handler goes through. Locally (POWERTOOLS_DEV=true) logs are
 * pretty-printed in the terminal and metrics are not emitted.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'visits' });
/**
 * Metrics' own messages go through the structured logger. An invocation that had nothing to count
 * (a repeat delivery, a quiet schedule) is normal here, so Powertools' "No application metrics to
 * publish" warning is logged at debug level rather than on every such invocation.
 */
const metricsLog = {
  debug: (message: string) => logger.debug(message),
  info: (message: string) => logger.info(message),
  warn: (message: string) => (message.startsWith('No application metrics') ? logger.debug(message) : logger.warn(message)),
  error: (message: string) => logger.error(message),
};
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Visits', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'visits', logger: metricsLog });
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'visits' });
export { MetricUnit };

/** Wrap a handler with structured logging (with the Lambda context), metrics and tracing. */
export function instrumented<E, R>(name: string, handler: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .before(() => {
      logger.appendKeys({ function: name });
    })
    .handler(handler);
}
