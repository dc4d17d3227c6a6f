/**
 * Checking one uploaded findings object before anything is stored. Two kinds of check:
 * - trust: the key's shape, that its submission id was issued by the findings page for this visit
 *   and is still waiting (one upload per issued id), that the inspector in its metadata is the one
 *   the link was issued to, and that it says it is JSON;
 * - content: size, encoding, JSON shape limits, the schema (each problem by field path), and the
 *   visit's own rules (its kind, its programme year).
 * Every reason of a kind is collected, so the inspector can fix them all at once. Pure.
 */
import type { Visit } from '../domain/types';
import type { SubmissionRecord } from './submission';
import { findingsRulesFor, findingsSchema, visitDateRange, type Findings } from './schema';

/** The findings page's form puts every upload at findings/{visitId}/{submissionId}.json. */
export const FINDINGS_KEY_SHAPE = /^findings\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9-]{1,64})\.json$/;

export function parseFindingsKey(key: string): { visitId: string; submissionId: string } | undefined {
  const m = FINDINGS_KEY_SHAPE.exec(key);
  return m ? { visitId: m[1]!, submissionId: m[2]! } : undefined;
}

export interface UploadToTrust {
  readonly key: string;
  /** S3 user metadata (x-amz-meta-*), keys without the prefix. */
  readonly metadata: Record<string, string>;
  readonly contentType?: string;
  readonly visit: Visit | undefined;
  /** The submission the key names, as the findings page recorded it when it issued the form. */
  readonly submission: SubmissionRecord | undefined;
}

/** Why the upload cannot be trusted to be the issued form's upload (empty when it can). */
export function trustProblems(u: UploadToTrust): string[] {
  const where = parseFindingsKey(u.key);
  if (!where)
    return [
      `The upload's key "${u.key.slice(0, 200)}" is not of the form findings/{visitId}/{submissionId}.json: only the findings page's form can upload findings.`,
    ];
  const reasons: string[] = [];
  const meta = (k: string) => u.metadata[k] ?? u.metadata[k.toLowerCase()];
  if (!u.visit) reasons.push(`There is no visit ${where.visitId}: the link may be for a visit that was withdrawn. Ask the planning team for a new link.`);
  if (!u.submission) {
    reasons.push(
      `Submission ${where.submissionId} was not issued by the findings page for visit ${where.visitId}: open the visit's link and submit from its form.`,
    );
  } else if (u.submission.state !== 'waiting') {
    reasons.push(`Submission ${where.submissionId} was already used for an upload (each form sends once): open the visit's link again to send changes.`);
  } else if (meta('inspector') !== u.submission.inspector) {
    reasons.push(
      `The upload says it is from "${meta('inspector') ?? ''}", but this visit's form was issued to ${u.submission.inspector ?? 'another inspector'}: submit from your own link.`,
    );
  }
  if (meta('visit-id') !== where.visitId)
    reasons.push(`The upload says it is for visit "${meta('visit-id') ?? ''}", not ${where.visitId}: use the form from this visit's own link.`);
  if (meta('submission-id') !== where.submissionId) reasons.push("The upload's submission id does not match its key: submit again from the visit's link.");
  const type = (u.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    reasons.push(`The upload is of type "${u.contentType ?? 'not given'}", not application/json: only the findings page's form can upload findings.`);
  return reasons;
}

export interface ContentToCheck {
  readonly bytes: Uint8Array | undefined;
  readonly contentLength: number;
  readonly maxBytes: number;
  readonly visit: Visit;
  /** Today (ISO date): findings are for a visit that has taken place. */
  readonly today: string;
}

export type ContentCheck = { ok: true; findings: Findings } | { ok: false; reasons: string[] };

const MAX_DEPTH = 6;
const MAX_KEYS = 400;
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
      for (const [k, child] of Object.entries(v)) {
        keys++;
        if (FORBIDDEN_KEYS.has(k)) problems.push(`${path ? `${path}.` : ''}${k} is not allowed as a field name`);
        else walk(child, path ? `${path}.${k}` : k, depth + 1);
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

function parseJson(u: ContentToCheck): { ok: true; json: unknown } | { ok: false; reasons: string[] } {
  if (u.contentLength > u.maxBytes || u.bytes === undefined || u.bytes.length > u.maxBytes) {
    return {
      ok: false,
      reasons: [`The upload is ${Math.max(u.contentLength, u.bytes?.length ?? 0)} bytes, over the ${u.maxBytes}-byte limit. Shorten the longest answers.`],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(u.bytes);
  } catch {
    return { ok: false, reasons: ['The upload is not UTF-8 text.'] };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reasons: [`The upload is not valid JSON: ${(err as Error).message}`] };
  }
}

export function checkFindingsContent(u: ContentToCheck): ContentCheck {
  const parsedJson = parseJson(u);
  if (!parsedJson.ok) return parsedJson;
  const shapeIssues = shapeProblems(parsedJson.json);
  if (shapeIssues.length) return { ok: false, reasons: shapeIssues };
  const parsed = findingsSchema().safeParse(parsedJson.json);
  if (!parsed.success) return { ok: false, reasons: parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`) };
  const findings = parsed.data;
  const reasons: string[] = [];
  if (findings.visitId !== u.visit.visitId) reasons.push(`visitId: the findings are for ${findings.visitId}, not ${u.visit.visitId}`);
  const rules = findingsRulesFor({ kind: u.visit.kind, visitDates: visitDateRange(u.visit.week, u.today) }, findings);
  reasons.push(...rules.map((p) => `${p.path}: ${p.message}`));
  return reasons.length ? { ok: false, reasons } : { ok: true, findings };
}
