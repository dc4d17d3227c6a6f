/**
 * A page request as the route code sees it: method, path, query and body. The handlers adapt the
 * HTTP API's event to it (shared/aws/web-event.ts), so routes never import `aws-lambda` types.
 */
export interface WebRequest {
  readonly method: string;
  /** The raw path, still %-encoded. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The body as text (already base64-decoded). */
  readonly body?: string;
  readonly contentType?: string;
  /** Request headers, names in lower case (as API Gateway's HTTP API passes them). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/** The fields of a submitted GOV.UK form (application/x-www-form-urlencoded). */
export function formOf(r: WebRequest): URLSearchParams {
  return new URLSearchParams(r.body ?? '');
}

/** A malformed %-escape is just a path we do not have (404), never a crash. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
