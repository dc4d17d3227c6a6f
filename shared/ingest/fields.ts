/**
 * Cell schemas (zod) shared by several kinds of import file. Every message is a phrase that follows
 * the column's name: `"Date" is empty: write the date as dd/mm/yyyy, ...`. Cells arrive as text;
 * the strict text check (shared/domain/text.ts) has already run on every cell.
 */
import * as z from 'zod/mini';
import { parseUkDate } from '../domain/dates';
import { canonicalEmail, emailAddressProblem } from '../domain/email-address';
import { OFSTED_REGIONS, type OfstedRegion } from '../domain/types';
import '../zod-english';
import { onFirstUse } from '../on-first-use';

/** Where a cell's conversion reports a problem (a phrase that follows the column's name). */
export type Issues = { addIssue: (i: { code: 'custom'; message: string }) => void };

/** A conversion `f` that reports its problems on `Issues`, as a zod/mini transform (whose context takes raw issues). */
export const convert = <I, O>(f: (value: I, ctx: Issues) => O) =>
  z.transform((value: I, payload: z.core.ParsePayload) => f(value, { addIssue: (i) => payload.issues.push({ ...i, input: value }) }));

export const text = onFirstUse(() =>
  z.pipe(
    z.string(),
    z.transform((s: string) => s.trim()),
  ),
);
export const optionalText = onFirstUse(() =>
  z.pipe(
    text(),
    z.transform((s: string) => (s === '' ? undefined : s)),
  ),
);
export const requiredText = onFirstUse(() =>
  z.pipe(
    text(),
    z.string().check(z.minLength(1, { error: 'is empty: every row needs a value here' }), z.maxLength(500, { error: 'is longer than 500 characters' })),
  ),
);
/** An optional cell: absent from the header or blank in the row, it is undefined. */
export const optional = <T extends z.ZodMiniType>(s: T) => z.optional(s);

const URN = /^[A-Za-z0-9]{1,20}$/;

export const urn = onFirstUse(() =>
  z.pipe(
    text(),
    z
      .string()
      .check(
        z.minLength(1, { error: 'is empty: every row needs the unique reference number (for example SC000673 or 1027076)' }),
        z.regex(URN, { error: 'must be letters and digits only (for example SC000673 or 1027076)' }),
      ),
  ),
);
export const optionalUrn = onFirstUse(() => z.pipe(optionalText(), z.optional(z.string().check(z.regex(URN, { error: 'must be letters and digits only' })))));

function dateOf(s: string, ctx: Issues): string | undefined {
  const d = parseUkDate(s);
  if (!d) ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date: write it as dd/mm/yyyy, for example 24/06/2016` });
  return d;
}
/** A date cell that may be blank. */
export const date = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => (s === '' ? undefined : dateOf(s, ctx))),
  ),
);
/** A date cell every row must fill (on a problem the row is refused, so the placeholder is never used). */
export const requiredDate = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      if (s === '') ctx.addIssue({ code: 'custom', message: 'is empty: write the date as dd/mm/yyyy, for example 24/06/2016' });
      return (s === '' ? undefined : dateOf(s, ctx)) ?? '';
    }),
  ),
);

const regionsByName = new Map(OFSTED_REGIONS.map((r) => [r.toLowerCase(), r]));
function regionOf(s: string, ctx: Issues): OfstedRegion | undefined {
  const r = regionsByName.get(s.toLowerCase().replace(/\s+/g, ' '));
  if (!r) ctx.addIssue({ code: 'custom', message: `"${s}" is not an Ofsted region: use one of ${OFSTED_REGIONS.join('; ')}` });
  return r;
}
/** On a problem the issue is recorded and the row is refused, so the placeholder is never used. */
export const region = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => regionOf(s, ctx) ?? OFSTED_REGIONS[0]),
  ),
);
export const optionalRegion = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => (s === '' ? undefined : regionOf(s, ctx))),
  ),
);

/** Lists in one cell are separated by semicolons (LA names can contain commas: "Bristol, City of"). */
export const list = onFirstUse(() =>
  z.pipe(
    text(),
    z.transform((s: string) =>
      s
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ),
);
export const regionList = onFirstUse(() =>
  z.pipe(
    list(),
    convert((items: string[], ctx) => items.map((i) => regionOf(i, ctx)).filter((r): r is OfstedRegion => r !== undefined)),
  ),
);

/** An address SES will take (ASCII, RFC 5321 lengths), stored in its canonical form. */
export const emailAddress = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const problem = emailAddressProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      return canonicalEmail(s);
    }),
  ),
);
