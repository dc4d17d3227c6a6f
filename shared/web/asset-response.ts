/**
 * Serving an asset: content-hashed names are cached for a year (immutable), plain names for an
 * hour; bodies are compressed with brotli or gzip as the browser accepts (compressed once per
 * container and kept); a matching If-None-Match gets 304.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Asset, AssetCatalogue } from './assets';
import { chooseEncoding, compress, MIN_COMPRESS_BYTES, type ContentCoding } from './compression';
import { securityHeaders } from './http';

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const PLAIN_NAME_CACHE = 'public, max-age=3600';

const encoded = new WeakMap<Asset, Map<ContentCoding, Buffer>>();

export function encodedBody(asset: Asset, coding: ContentCoding): { body: Buffer; coding: ContentCoding } {
  if (coding === 'identity' || !asset.compressible || asset.body.length < MIN_COMPRESS_BYTES) return { body: asset.body, coding: 'identity' };
  let cache = encoded.get(asset);
  if (!cache) encoded.set(asset, (cache = new Map<ContentCoding, Buffer>()));
  let body = cache.get(coding);
  if (!body) {
    body = compress(asset.body, coding, 'best');
    cache.set(coding, body);
  }
  return { body, coding };
}

export interface AssetRequest {
  readonly path: string;
  readonly method: string;
  /** Request headers, names in lower case (as API Gateway's HTTP API passes them). */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** The response for a path under /assets/, or undefined when no asset has that name. */
export function assetResponse(catalogue: AssetCatalogue, request: AssetRequest): APIGatewayProxyStructuredResultV2 | undefined {
  const found = catalogue.lookup(request.path);
  if (!found) return undefined;
  const { asset, immutable } = found;
  const headers: Record<string, string> = {
    ...securityHeaders(),
    'content-type': asset.contentType,
    'cache-control': immutable ? IMMUTABLE_CACHE : PLAIN_NAME_CACHE,
    etag: asset.etag,
    vary: 'accept-encoding',
  };
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) return { statusCode: 304, headers };
  const { body, coding } = encodedBody(asset, chooseEncoding(request.headers['accept-encoding']));
  if (coding !== 'identity') headers['content-encoding'] = coding;
  return { statusCode: 200, headers, body: request.method === 'HEAD' ? '' : body.toString('base64'), isBase64Encoded: true };
}
