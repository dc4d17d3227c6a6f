/**
 * Powertools Logger and Metrics, one instance each per container, and the middy middleware stack
 * every handler goes through. Locally (POWERTOOLS_DEV=true) logs are pretty-printed in the terminal
 * and metrics are not emitted.
 *
 * The Powertools tracer (and the X-Ray SDK under it) is loaded only where tracing is on
 * (POWERTOOLS_TRACE_ENABLED=true, set by the stack from the catalogue's `tracing`): it is the
 * largest thing a cold start would otherwise load. Functions without it are left out of the bundle
 * (infra/bundling.ts); Lambda still records its own X-Ray segments for every function.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
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
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Visits',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'visits',
  logger: metricsLog,
});
export { MetricUnit };

/** Is the Powertools tracer on in this container? */
export function tracingEnabled(): boolean {
  return process.env.POWERTOOLS_TRACE_ENABLED === 'true';
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;
type Middleware = middy.MiddlewareObj;

/** The tracer's middy middleware, loaded on demand; undefined (with a warning) if it is not bundled. */
async function loadTracing(): Promise<Middleware | undefined> {
  try {
    const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
      import('@aws-lambda-powertools/tracer'),
      import('@aws-lambda-powertools/tracer/middleware'),
    ]);
    return captureLambdaHandler(new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'visits' }));
  } catch (err) {
    logger.warn('POWERTOOLS_TRACE_ENABLED is true but the tracer is not in this bundle: set `tracing: true` on the function in infra/catalogue.ts and deploy', {
      error: String(err),
    });
    return undefined;
  }
}

function wrap<E, R>(name: string, handler: Handler<E, R>, tracing?: Middleware) {
  const chain = middy<E, R>();
  if (tracing) chain.use(tracing);
  return chain
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .before(() => {
      logger.appendKeys({ function: name });
    })
    .handler(handler);
}

/** Wrap a handler with structured logging (with the Lambda context), metrics and, where on, tracing. */
export function instrumented<E, R>(name: string, handler: Handler<E, R>): Handler<E, R> {
  if (!tracingEnabled()) return wrap(name, handler);
  // Started at import (inside Lambda's init phase), awaited by the first invocation.
  const traced = loadTracing().then((tracing) => wrap(name, handler, tracing));
  return async (event, context) => (await traced)(event, context);
}
