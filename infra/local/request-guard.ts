/**
 * The local cloud runs on a developer's machine, where any web page they open can send requests to
 * 127.0.0.1. These checks keep its servers to the developer's own tools:
 * - Host must be the loopback address (127.0.0.1, localhost or [::1]) with the server's port: a
 *   page that rebinds its own domain name to 127.0.0.1 (DNS rebinding) sends its own name as Host;
 * - Origin, when a browser sends one with a state-changing request, must be the local web origin:
 *   a cross-origin POST to a control route is refused before it does anything;
 * - object keys taken from a URL never hold `.` or `..` segments, so they cannot leave their bucket.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** Why a Host header is refused, or undefined when it names this server on loopback. */
export function hostProblem(host: string | undefined, port: number): string | undefined {
  if (!host) return 'A request without a Host header is refused.';
  const allowed = LOOPBACK_HOSTS.map((h) => `${h}:${port}`);
  return allowed.includes(host.toLowerCase())
    ? undefined
    : `Host "${host}" is not this machine's loopback address and port (${allowed[0]}): refused (DNS rebinding).`;
}

/** Why an Origin header is refused, or undefined when it is absent (not a browser) or one of the local web origins. */
export function originProblem(origin: string | undefined, webPort: number): string | undefined {
  if (origin === undefined) return undefined;
  const allowed = LOOPBACK_HOSTS.map((h) => `http://${h}:${webPort}`);
  return allowed.includes(origin.toLowerCase())
    ? undefined
    : `Origin "${origin}" is not the local web origin (${allowed[0]}): cross-origin requests to the local cloud are refused.`;
}

/**
 * The object key a URL path names below `base` (e.g. '/local/reports-bucket/'), or undefined when
 * it is not a plain key: undecodable, empty, or with an empty, `.` or `..` segment (after decoding,
 * so `%2e%2e%2f` counts), a backslash or a NUL.
 */
export function keyFromPath(path: string, base: string): string | undefined {
  if (!path.startsWith(base)) return undefined;
  let key: string;
  try {
    key = decodeURIComponent(path.slice(base.length));
  } catch {
    return undefined;
  }
  if (key === '' || /[\\\0]/.test(key)) return undefined;
  return key.split('/').every((s) => s !== '' && s !== '.' && s !== '..') ? key : undefined;
}

/** Is `path` inside `root` (or `root` itself)? For paths an emulator builds from request input. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
