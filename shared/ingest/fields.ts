/**
 * Cell schemas (zod) shared by several kinds of import file. Every message is a phrase that follows
 * the column's name: `"Date" is empty: write the date as dd/mm/yyyy, ...`. Cells arrive as text;
 * the strict text check (shared/domain/text.ts) has already run on every cell.
 */
import * as z from 'zod';
import { parseUkDate } from '../domain/dates';
import { canonicalEmail, emailAddressProblem } from '../domain/email-address';
import { OFSTED_REGIONS, type OfstedRegion } from '../domain/types';

type Issues = { addIssue: (i: { code: 'custom'; message: string }) => void };

export const text = z.string().transform((s) => s.trim());
export const optionalText = text.transform((s) => (s === '' ? undefined : s));
export const requiredText = text.pipe(
  z.string().min(1, { error: 'is empty: every row needs a value here' }).max(500, { error: 'is longer than 500 characters' }),
);
/** An optional cell: absent from the header or blank in the row, it is undefined. */
export const optional = <T extends z.ZodType>(s: T) => s.optional();

const URN = /^[A-Za-z0-9]{1,20}$/;

export const urn = text.pipe(
  z
    .string()
    .min(1, { error: 'is empty: every row needs the unique reference number (for example SC000673 or 1027076)' })
    .regex(URN, { error: 'must be letters and digits only (for example SC000673 or 1027076)' }),
);
export const optionalUrn = optionalText.pipe(z.string().regex(URN, { error: 'must be letters and digits only' }).optional());

function dateOf(s: string, ctx: Issues): string | undefined {
  const d = parseUkDate(s);
  if (!d) ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date: write it as dd/mm/yyyy, for example 24/06/2016` });
  return d;
}
/** A date cell that may be blank. */
export const date = text.transform((s, ctx) => (s === '' ? undefined : dateOf(s, ctx)));
/** A date cell every row must fill (on a problem the row is refused, so the placeholder is never used). */
export const requiredDate = text.transform((s, ctx) => {
  if (s === '') ctx.addIssue({ code: 'custom', message: 'is empty: write the date as dd/mm/yyyy, for example 24/06/2016' });
  return (s === '' ? undefined : dateOf(s, ctx)) ?? '';
});

const regionsByName = new Map(OFSTED_REGIONS.map((r) => [r.toLowerCase(), r]));
function regionOf(s: string, ctx: Issues): OfstedRegion | undefined {
  const r = regionsByName.get(s.toLowerCase().replace(/\s+/g, ' '));
  if (!r) ctx.addIssue({ code: 'custom', message: `"${s}" is not an Ofsted region: use one of ${OFSTED_REGIONS.join('; ')}` });
  return r;
}
/** On a problem the issue is recorded and the row is refused, so the placeholder is never used. */
export const region = text.transform((s, ctx) => regionOf(s, ctx) ?? OFSTED_REGIONS[0]);
export const optionalRegion = text.transform((s, ctx) => (s === '' ? undefined : regionOf(s, ctx)));

/** Lists in one cell are separated by semicolons (LA names can contain commas: "Bristol, City of"). */
export const list = text.transform((s) =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean),
);
export const regionList = list.transform((items, ctx) => items.map((i) => regionOf(i, ctx)).filter((r): r is OfstedRegion => r !== undefined));

/** An address SES will take (ASCII, RFC 5321 lengths), stored in its canonical form. */
export const emailAddress = text.transform((s, ctx) => {
  const problem = emailAddressProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  return canonicalEmail(s);
});
