/** The HTTP API (payload v2) event as a WebRequest: the one place routes meet `aws-lambda` types. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { WebRequest } from '../web/request';

export function toWebRequest(event: APIGatewayProxyEventV2): WebRequest {
  const raw = event.body;
  const body = raw === undefined ? undefined : event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const headers = event.headers ?? {};
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: event.queryStringParameters ?? {},
    headers,
    ...(body !== undefined ? { body } : {}),
    ...((headers['content-type'] ?? headers['Content-Type']) ? { contentType: headers['content-type'] ?? headers['Content-Type'] } : {}),
  };
}
