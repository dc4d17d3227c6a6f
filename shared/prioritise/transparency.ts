/**
 * A plain-English description of the tool, in the style of the UK Algorithmic Transparency
 * Recording Standard (Tier 1 summary and Tier 2 detail). Its factors, weights and rules are
 * generated from the policy in force by walking the policy's schema, whose every field carries its
 * description: a factor added to the policy appears here without anyone writing it down twice.
 */
import * as z from 'zod/mini';
import { ukDate } from '../domain/dates';
import { renderTemplate } from '../web/render';
import { policySchema, type Policy } from './policy';
import type { Programme } from './programme';
import { LA_BAND_LABELS } from './score';

export interface PolicyRow {
  readonly label: string;
  readonly value: string;
}

export interface PolicySection {
  readonly key: string;
  readonly title: string;
  readonly rows: PolicyRow[];
}

type Node = z.core.$ZodType;

/** A schema's description (policy.ts gives it with z.describe, which records it in zod's global registry); an optional field's is its inner schema's. */
export const descriptionOf = (n: Node): string | undefined =>
  z.globalRegistry.get(n)?.description ?? (n instanceof z.ZodMiniOptional ? descriptionOf(n._zod.def.innerType) : undefined);
const objectShape = (n: Node): Record<string, Node> | undefined =>
  n instanceof z.ZodMiniObject ? n.shape : n instanceof z.ZodMiniOptional ? objectShape(n._zod.def.innerType) : undefined;
const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/-/g, ' ')
    .toLowerCase();

function formatValue(value: unknown, signed: boolean): string {
  if (typeof value === 'number') return signed && value > 0 ? `+${value}` : String(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? ukDate(value) : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v, signed)).join('; ') : 'none';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.map(([k, v]) => `${/^[A-Za-z]+([A-Z][a-z]*)*$|-/.test(k) ? words(k) : k} ${formatValue(v, signed)}`).join(', ') : 'none';
  }
  return String(value);
}

/** Rows of one part of the policy: a described object is expanded field by field, anything else is one row. */
function rowsOf(node: Node, value: unknown, label: string, signed: boolean): PolicyRow[] {
  const shape = objectShape(node);
  if (shape && Object.values(shape).every((f) => descriptionOf(f))) {
    const record: Record<string, unknown> = value && typeof value === 'object' ? Object.fromEntries(Object.entries(value)) : {};
    return Object.entries(shape).flatMap(([k, f]) => rowsOf(f, record[k], label ? `${label}: ${descriptionOf(f)!}` : descriptionOf(f)!, signed));
  }
  return [{ label, value: formatValue(value, signed) }];
}

/** Every described part of the policy, with the values in force. */
export function policySections(policy: Policy): PolicySection[] {
  const shape: Record<string, Node> = policySchema().shape;
  const record: Record<string, unknown> = policy;
  return Object.entries(shape).flatMap(([key, node]) => {
    const title = descriptionOf(node);
    if (!title) return [];
    const shapeOf = objectShape(node);
    const rows =
      shapeOf && Object.values(shapeOf).every((f) => descriptionOf(f))
        ? rowsOf(node, record[key], '', key === 'weights')
        : [{ label: title, value: formatValue(record[key], false) }];
    return [{ key, title, rows }];
  });
}

export function transparencyRecord(policy: Policy, programme?: Programme): string {
  return renderTemplate('programme/transparency.njk', {
    pageTitle: 'Algorithmic transparency record: visit prioritisation',
    stylesheetHref: 'govuk-frontend.min.css',
    policy,
    programme,
    sections: policySections(policy),
    bands: Object.entries(LA_BAND_LABELS).map(([band, label]) => ({ band, label })),
    ukDate,
  });
}
