/**
 * Checking one uploaded findings object before anything is stored: size, encoding, JSON shape
 * limits, the schema (each problem by field path), the visit, and that the upload's metadata and
 * key agree with the visit. Every reason is collected, so the inspector can fix them all at once.
 */
import { limits } from '../../infra/catalogue';
import type { Visit } from '../domain/types';
import { findingsRulesFor, findingsSchema, type Findings } from './schema';

export interface UploadToCheck {
  readonly bytes: Uint8Array;
  readonly contentLength: number;
  /** S3 user metadata (x-amz-meta-*), keys without the prefix. */
  readonly metadata: Record<string, string>;
  readonly key: string;
  readonly visit: Visit | undefined;
}

export type UploadCheck = { ok: true; findings: Findings; submissionId: string; inspector: string } | { ok: false; reasons: string[] };

const KEY_SHAPE = /^findings\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9-]{1,64})\.json$/;
const MAX_DEPTH = 6;
const MAX_KEYS = 200;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Depth, size and key checks on parsed JSON before the schema sees it. */
function shapeProblems(value: unknown): string[] {
  const problems: string[] = [];
  let keys = 0;
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      problems.push(`${path || 'the document'} is nested more than ${MAX_DEPTH} levels deep`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        keys++;
        if (FORBIDDEN_KEYS.has(k)) problems.push(`${path ? `${path}.` : ''}${k} is not allowed as a field name`);
        else walk((v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
      }
    }
  };
  walk(value, '', 0);
  if (keys > MAX_KEYS) problems.push(`the document has ${keys} fields; at most ${MAX_KEYS} are allowed`);
  return problems;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'the document';
}

export function validateFindingsUpload(u: UploadToCheck): UploadCheck {
  const reasons: string[] = [];
  const shape = KEY_SHAPE.exec(u.key);
  if (!shape) reasons.push(`The upload's key "${u.key.slice(0, 200)}" is not of the form findings/{visitId}/{submissionId}.json`);
  const [, keyVisitId, keySubmissionId] = shape ?? [];

  if (u.contentLength > limits.findingsMaxBytes || u.bytes.length > limits.findingsMaxBytes) {
    return { ok: false, reasons: [...reasons, `The upload is ${Math.max(u.contentLength, u.bytes.length)} bytes, over the ${limits.findingsMaxBytes}-byte limit. Shorten the longest answers.`] };
  }
  if (!u.visit) reasons.push(`There is no visit ${keyVisitId ?? '(unknown)'}: the link may be for a visit that was withdrawn. Ask the planning team for a new link.`);

  const meta = (k: string) => u.metadata[k] ?? u.metadata[k.toLowerCase()];
  if (u.visit) {
    if (meta('visit-id') !== u.visit.visitId) reasons.push(`The upload says it is for visit "${meta('visit-id') ?? ''}", not ${u.visit.visitId}: use the form from this visit's own link.`);
    if (keyVisitId && keyVisitId !== u.visit.visitId) reasons.push(`The upload's key is for visit ${keyVisitId}, not ${u.visit.visitId}.`);
  }
  if (keySubmissionId && meta('submission-id') !== keySubmissionId) reasons.push('The upload\'s submission id does not match its key: submit again from the visit\'s link.');
  const inspector = meta('inspector');
  if (!inspector) reasons.push('The upload does not say which inspector sent it: submit again from the visit\'s link.');

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(u.bytes);
  } catch {
    return { ok: false, reasons: [...reasons, 'The upload is not UTF-8 text.'] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reasons: [...reasons, `The upload is not valid JSON: ${(err as Error).message}`] };
  }
  const shapeIssues = shapeProblems(json);
  if (shapeIssues.length) return { ok: false, reasons: [...reasons, ...shapeIssues] };

  const parsed = findingsSchema.safeParse(json);
  if (!parsed.success) {
    reasons.push(...parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`));
    return { ok: false, reasons };
  }
  const findings = parsed.data;
  if (u.visit) {
    if (findings.visitId !== u.visit.visitId) reasons.push(`visitId: the findings are for ${findings.visitId}, not ${u.visit.visitId}`);
    reasons.push(...findingsRulesFor(u.visit.kind, findings).map((p) => `${p.path}: ${p.message}`));
  }
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, findings, submissionId: keySubmissionId!, inspector: inspector! };
}
