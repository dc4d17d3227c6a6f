/**
 * Intelligence signals (our format): one row per piece of intelligence received since the last
 * inspection, about one provider (URN) or one local authority. A signal for a URN no provider
 * file has listed is kept, with a warning in the report.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import { SIGNAL_TYPES, type IntelligenceSignal, type SignalType } from '../../domain/types';
import { keys } from '../../keys';
import { convert, date, optional, optionalText, optionalUrn, requiredDate, text } from '../fields';
import { accept, defineKind, refuse } from '../kind-spec';

const COLUMNS = {
  signalId: { name: 'Signal ID', aliases: ['ID', 'Reference'] },
  date: { name: 'Date', aliases: ['Date received', 'Received'], required: true },
  urn: { name: 'URN' },
  localAuthority: { name: 'Local authority', aliases: ['Local authority name'], text: 'name' },
  type: { name: 'Type', aliases: ['Signal type', 'Category'], required: true },
  severity: { name: 'Severity' },
  status: { name: 'Status' },
  dueDate: { name: 'Due date', aliases: ['Compliance date', 'Deadline'] },
  summary: { name: 'Summary', aliases: ['Description'] },
  source: { name: 'Source' },
} as const;

const ALIASES: Record<SignalType, readonly string[]> = {
  complaint: ['complaint', 'complaints'],
  'serious-event': ['serious event', 'serious event notification', 'serious incident', 'regulation 40', 'reg 40', 'notification of serious event'],
  whistleblowing: ['whistleblowing', 'whistle blowing', 'whistleblower'],
  'safeguarding-concern': ['safeguarding', 'safeguarding concern'],
  'la-concern': ['la concern', 'local authority concern', 'concern raised by la', 'concern from la'],
  'manager-change': ['manager change', 'change of manager', 'management change', 'registered manager change'],
  'enforcement-action': ['enforcement', 'enforcement action'],
  'independent-report': ['independent report', 'regulation 44', 'reg 44', 'regulation 45', 'reg 45', 'regulation 44 report', 'regulation 45 report'],
  'independent-report-missing': [
    'regulation 44 report missing',
    'regulation 45 report missing',
    'missing regulation 44 report',
    'missing regulation 45 report',
    'independent report missing',
  ],
  'independent-report-late': [
    'regulation 44 report late',
    'regulation 45 report late',
    'late regulation 44 report',
    'late regulation 45 report',
    'independent report late',
  ],
  'independent-report-concern': [
    'regulation 44 report concern',
    'regulation 45 report concern',
    'regulation 44 concerns',
    'regulation 45 concerns',
    'independent report concern',
    'independent report concerns',
  ],
  'serious-concerns': ['serious concerns', 'serious concerns at a visit'],
};
const TYPE_BY_WORDS = new Map<string, SignalType>(SIGNAL_TYPES.flatMap((t) => [t, t.replace(/-/g, ' '), ...ALIASES[t]].map((w) => [w, t] as const)));

const signalType = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const t = TYPE_BY_WORDS.get(
        s
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
      );
      if (!t) ctx.addIssue({ code: 'custom', message: `"${s}" is not a type of signal we know: use one of ${SIGNAL_TYPES.join(', ')}` });
      return t ?? 'complaint';
    }),
  ),
);

const severity = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const v = s.toLowerCase();
      if (v === '' || v === '1' || v === 'low') return 1 as const;
      if (v === '2' || v === 'medium') return 2 as const;
      if (v === '3' || v === 'high') return 3 as const;
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a severity: use 1, 2 or 3 (or Low, Medium, High)` });
      return 1 as const;
    }),
  ),
);

const openClosed = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const v = s.toLowerCase();
      if (v === '' || v === 'open' || v === 'in force' || v === 'active') return true;
      if (v === 'closed' || v === 'lifted' || v === 'ended' || v === 'resolved') return false;
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a status: use Open or Closed` });
      return true;
    }),
  ),
);

const row = onFirstUse(() =>
  z.object({
    signalId: optional(optionalText()),
    date: requiredDate(),
    urn: optional(optionalUrn()),
    localAuthority: optional(optionalText()),
    type: signalType(),
    severity: optional(severity()),
    status: optional(openClosed()),
    dueDate: optional(date()),
    summary: optional(z.pipe(optionalText(), z.optional(z.string().check(z.maxLength(2000, { error: 'is longer than 2,000 characters' }))))),
    source: optional(optionalText()),
  }),
);

type Row = z.output<ReturnType<typeof row>>;

/** A stable id for a row that has none: the same row imported again is the same signal. */
const derivedId = (r: Row) =>
  `s-${createHash('sha256')
    .update([r.date, r.urn ?? '', r.localAuthority ?? '', r.type, r.summary ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 16)}`;

export const intelligence = defineKind({
  title: 'intelligence signals',
  columns: COLUMNS,
  // Above LA outcomes: a signal file may name its LA column "Local authority name".
  detection: {
    rank: 2,
    byColumnCount: true,
    distinctive: ['Signal ID', 'Severity', 'Signal type'],
    recognisedBy: 'a "Signal ID", "Severity" or "Signal type" column',
  },
  schema: row,
  toEntity: (r) => {
    if (!r.urn === !r.localAuthority) {
      return refuse(
        'urn',
        r.urn
          ? 'and "Local authority" are both given: a signal is about one provider (URN) or one local authority, not both'
          : 'and "Local authority" are both empty: say which provider (URN) or local authority the signal is about',
      );
    }
    const signal: IntelligenceSignal = {
      signalId: r.signalId ?? derivedId(r),
      type: r.type,
      date: r.date,
      ...(r.urn ? { urn: r.urn } : {}),
      ...(r.localAuthority ? { localAuthority: r.localAuthority } : {}),
      severity: r.severity ?? 1,
      open: r.status ?? true,
      ...(r.dueDate ? { dueDate: r.dueDate } : {}),
      ...(r.summary ? { summary: r.summary } : {}),
      ...(r.source ? { source: r.source } : {}),
    };
    return accept(signal);
  },
  items: (s) => [{ ...keys.signal(s, s.date, s.signalId), entity: 'signal', ...s }],
  duplicate: { key: (s) => s.signalId, field: 'signalId' },
  providerReference: (s) => s.urn,
});
