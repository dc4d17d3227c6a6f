/**
 * The publication lifecycle of a visit's findings, as a pure state machine:
 *
 *   submitted -> in-review -> (returned -> submitted ...) -> factual-accuracy -> ready -> published
 *   published -> amended (again and again) | withdrawn
 *
 * `decide` takes the publication as stored, one command and the day's settings, and answers with the
 * new publication and its history entry, "repeat" (the same command was the last one applied, or
 * the one thing it does is already done: nothing changes), or "refused" with a sentence that says
 * why and what can be done instead. Nothing skips a step: the only way to `published` is through a
 * review that approved the latest version and a factual accuracy window that has closed with every
 * comment answered. The store applies a decision with a conditional write on `seq`, so two people
 * acting at once cannot both win.
 */
import { addWorkingDays, dateOf, type Holidays } from '../domain/calendar';
import type { EnforcementAction, IsoDate, IsoInstant } from '../domain/types';

export const PUBLICATION_STATES = ['submitted', 'in-review', 'returned', 'factual-accuracy', 'ready', 'published', 'amended', 'withdrawn'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** The states in which a report is public (withdrawn: a notice is). */
export const PUBLIC_STATES: readonly PublicationState[] = ['published', 'amended'];

export const PUBLICATION_ACTIONS = [
  'submit',
  'start-review',
  'return',
  'approve',
  'record-enforcement',
  'comment',
  'no-comments',
  'decide-comment',
  'close-window',
  'publish',
  'amend',
  'withdraw',
] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

/** Enforcement action taken, as the reviewer records it (imported enforcement signals are read separately). */
export interface RecordedEnforcement {
  readonly action: Exclude<EnforcementAction, 'none'>;
  readonly date: IsoDate;
}

export interface HistoryEntry {
  /** 1-based position in the history. */
  readonly seq: number;
  /** The state after this entry. */
  readonly state: PublicationState;
  readonly action: PublicationAction;
  readonly at: IsoInstant;
  /** Who: an email address, "schedule", or "system". */
  readonly by: string;
  readonly reason?: string;
  /** The findings version the entry is about. */
  readonly version: number;
  /** What the entry refers to (a comment's id). */
  readonly ref?: string;
  /** For decide-comment: accepted or not. */
  readonly accepted?: boolean;
}

export interface FactualAccuracyWindow {
  readonly opensOn: IsoDate;
  /** The last day comments are taken. */
  readonly closesOn: IsoDate;
  /** The contacts the draft was sent to. */
  readonly contacts: readonly string[];
}

export interface Publication {
  readonly visitId: string;
  readonly state: PublicationState;
  /** The findings version under review, in the draft, or public. */
  readonly version: number;
  /** How many history entries there are: the store's condition for the next write. */
  readonly seq: number;
  readonly history: readonly HistoryEntry[];
  readonly reviewer?: string;
  /** The reviewer's comments on the latest return, shown on the inspector's form. */
  readonly returnComments?: string;
  readonly factualAccuracy?: FactualAccuracyWindow;
  /** Factual accuracy comments not yet answered. */
  readonly openComments: number;
  readonly publishOn?: IsoDate;
  /** Public editions so far: 1 at publication, +1 for each amendment and for the withdrawal. */
  readonly edition: number;
  readonly publishedAt?: IsoInstant;
  readonly enforcementTaken: readonly RecordedEnforcement[];
}

interface By {
  readonly by: string;
}
export type PublicationCommand =
  | (By & { readonly action: 'submit'; readonly version: number })
  | (By & { readonly action: 'start-review'; readonly reviewer: string })
  | (By & { readonly action: 'return'; readonly reason: string })
  | (By & { readonly action: 'approve'; readonly contacts: readonly string[]; readonly reason?: string })
  | (By & { readonly action: 'record-enforcement'; readonly enforcement: RecordedEnforcement })
  | (By & { readonly action: 'comment'; readonly commentId: string })
  | (By & { readonly action: 'no-comments' })
  | (By & { readonly action: 'decide-comment'; readonly commentId: string; readonly accepted: boolean; readonly reason: string; readonly newVersion?: number })
  | (By & { readonly action: 'close-window' })
  | (By & { readonly action: 'publish'; readonly reason?: string })
  | (By & { readonly action: 'amend'; readonly reason: string; readonly newVersion?: number })
  | (By & { readonly action: 'withdraw'; readonly reason: string });

export interface LifecycleSettings {
  readonly now: IsoInstant;
  readonly holidays: Holidays;
  /** How long the provider or LA has to comment on the draft (policy: publication.factualAccuracyWorkingDays). */
  readonly factualAccuracyWorkingDays: number;
  /** Working days from the window closing to the publication date (policy: publication.publishWorkingDaysAfterWindow). */
  readonly publishWorkingDaysAfterWindow: number;
}

export type Decision =
  | { readonly outcome: 'changed'; readonly publication: Publication; readonly entry: HistoryEntry }
  | { readonly outcome: 'repeat'; readonly publication: Publication }
  | { readonly outcome: 'refused'; readonly reason: string };

/** Where each action may start from. */
const FROM: Record<PublicationAction, readonly (PublicationState | 'none')[]> = {
  submit: ['none', 'returned'],
  'start-review': ['submitted'],
  return: ['in-review'],
  approve: ['in-review'],
  'record-enforcement': ['in-review', 'factual-accuracy', 'ready'],
  comment: ['factual-accuracy'],
  'no-comments': ['factual-accuracy'],
  'decide-comment': ['factual-accuracy'],
  'close-window': ['factual-accuracy'],
  publish: ['ready'],
  amend: ['published', 'amended'],
  withdraw: ['published', 'amended'],
};

const STATE_WORDS: Record<PublicationState | 'none', string> = {
  none: 'have not been submitted',
  submitted: 'have been submitted and wait for a reviewer',
  'in-review': 'are with the reviewer',
  returned: 'were returned to the inspector',
  'factual-accuracy': 'are out for a factual accuracy check',
  ready: 'are ready to publish',
  published: 'are published',
  amended: 'are published (amended)',
  withdrawn: 'were withdrawn',
};

const ACTION_WORDS: Record<PublicationAction, string> = {
  submit: 'take a new submission',
  'start-review': 'start a review',
  return: 'return them to the inspector',
  approve: 'approve them',
  'record-enforcement': 'record enforcement action taken',
  comment: 'take a factual accuracy comment',
  'no-comments': 'take "no comments"',
  'decide-comment': 'answer a factual accuracy comment',
  'close-window': 'close the factual accuracy window',
  publish: 'publish them',
  amend: 'amend the report',
  withdraw: 'withdraw the report',
};

/** The first state a visit's findings can be in, before anything is decided. */
export function newPublication(visitId: string): Publication {
  return { visitId, state: 'submitted', version: 0, seq: 0, history: [], openComments: 0, edition: 0, enforcementTaken: [] };
}

const refused = (reason: string): Decision => ({ outcome: 'refused', reason });

/** The command's reason, its ref and the version it concerns, for the history and for spotting repeats. */
function describe(p: Publication, c: PublicationCommand): { reason?: string; ref?: string; version: number } {
  switch (c.action) {
    case 'submit':
      return { version: c.version };
    case 'start-review':
      return { version: p.version, reason: `Sent to ${c.reviewer}` };
    case 'comment':
      return { version: p.version, ref: c.commentId };
    case 'decide-comment':
      return { version: c.newVersion ?? p.version, ref: c.commentId, reason: c.reason };
    case 'record-enforcement':
      return { version: p.version, reason: `${c.enforcement.action} on ${c.enforcement.date}` };
    case 'amend':
      return { version: c.newVersion ?? p.version, reason: c.reason };
    case 'approve':
    case 'return':
    case 'publish':
    case 'withdraw':
      return { version: p.version, reason: c.reason };
    default:
      return { version: p.version };
  }
}

/** A command already applied: nothing more to do. */
function isRepeat(p: Publication, c: PublicationCommand, d: { reason?: string; ref?: string; version: number }): boolean {
  if (c.action === 'submit') return p.history.some((h) => h.action === 'submit' && h.version === c.version);
  if (c.action === 'comment' || c.action === 'decide-comment') return p.history.some((h) => h.action === c.action && h.ref === d.ref);
  if (c.action === 'withdraw' && p.state === 'withdrawn') return true;
  const last = p.history[p.history.length - 1];
  return last !== undefined && last.action === c.action && last.version === d.version && last.by === c.by && (last.reason ?? '') === (d.reason ?? '');
}

/** Why a command cannot be applied in the state the publication is in (beyond where it may start from), or undefined. */
function guard(p: Publication, c: PublicationCommand, today: IsoDate): string | undefined {
  const window = p.factualAccuracy;
  switch (c.action) {
    case 'submit':
      return c.version <= p.version ? `Version ${c.version} is not newer than version ${p.version}.` : undefined;
    case 'return':
    case 'amend':
    case 'withdraw':
      return c.reason.trim() === '' ? `Give a reason to ${ACTION_WORDS[c.action]}.` : undefined;
    case 'comment':
    case 'no-comments':
      return window && today > window.closesOn ? `The factual accuracy window closed on ${window.closesOn}.` : undefined;
    case 'decide-comment':
      if (!p.history.some((h) => h.action === 'comment' && h.ref === c.commentId)) return `There is no comment ${c.commentId} on these findings.`;
      if (c.newVersion !== undefined && c.newVersion <= p.version) return `Version ${c.newVersion} is not newer than version ${p.version}.`;
      return c.reason.trim() === '' ? 'Give a reason for the decision on the comment.' : undefined;
    case 'close-window':
      if (window && today <= window.closesOn) return `The factual accuracy window is open until the end of ${window.closesOn}.`;
      return p.openComments > 0
        ? `${p.openComments === 1 ? 'A factual accuracy comment has' : `${p.openComments} factual accuracy comments have`} not been answered yet.`
        : undefined;
    case 'publish':
      // The schedule publishes on the date; anyone else publishing before it must say why.
      if (p.publishOn && today < p.publishOn && !c.reason?.trim()) return `The publication date is ${p.publishOn}: to publish early, give a reason.`;
      return undefined;
    default:
      return undefined;
  }
}

/** The publication after the command, before its entry is added. */
function apply(p: Publication, c: PublicationCommand, s: LifecycleSettings, today: IsoDate): Publication {
  switch (c.action) {
    case 'submit':
      return { ...p, state: 'submitted', version: c.version, factualAccuracy: undefined, openComments: 0, publishOn: undefined };
    case 'start-review':
      return { ...p, state: 'in-review', reviewer: c.reviewer };
    case 'return':
      return { ...p, state: 'returned', returnComments: c.reason.trim() };
    case 'approve': {
      const closesOn = addWorkingDays(today, s.factualAccuracyWorkingDays, s.holidays);
      return {
        ...p,
        state: 'factual-accuracy',
        returnComments: undefined,
        factualAccuracy: { opensOn: today, closesOn, contacts: [...c.contacts] },
        openComments: 0,
      };
    }
    case 'record-enforcement':
      return {
        ...p,
        enforcementTaken: [...p.enforcementTaken.filter((e) => e.action !== c.enforcement.action || e.date !== c.enforcement.date), c.enforcement],
      };
    case 'comment':
      return { ...p, openComments: p.openComments + 1 };
    case 'decide-comment':
      return { ...p, openComments: Math.max(0, p.openComments - 1), version: c.newVersion ?? p.version };
    case 'close-window':
      return { ...p, state: 'ready', publishOn: addWorkingDays(today, s.publishWorkingDaysAfterWindow, s.holidays) };
    case 'publish':
      return { ...p, state: 'published', edition: 1, publishedAt: s.now };
    case 'amend':
      return { ...p, state: 'amended', edition: p.edition + 1, version: c.newVersion ?? p.version };
    case 'withdraw':
      return { ...p, state: 'withdrawn', edition: p.edition + 1 };
    default:
      return p;
  }
}

export function decide(current: Publication | undefined, command: PublicationCommand, settings: LifecycleSettings): Decision {
  const p = current ?? newPublication('');
  const from: PublicationState | 'none' = current ? current.state : 'none';
  const d = describe(p, command);
  if (current && isRepeat(current, command, d)) return { outcome: 'repeat', publication: current };
  if (!FROM[command.action].includes(from)) {
    return refused(`The findings ${STATE_WORDS[from]}, so you cannot ${ACTION_WORDS[command.action]} now.`);
  }
  const today = dateOf(settings.now);
  const problem = guard(p, command, today);
  if (problem) return refused(problem);
  const next = apply(p, command, settings, today);
  const entry: HistoryEntry = {
    seq: p.seq + 1,
    state: next.state,
    action: command.action,
    at: settings.now,
    by: command.by,
    version: d.version,
    ...(d.reason?.trim() ? { reason: d.reason.trim() } : {}),
    ...(d.ref ? { ref: d.ref } : {}),
    ...(command.action === 'decide-comment' ? { accepted: command.accepted } : {}),
  };
  return { outcome: 'changed', publication: { ...next, seq: entry.seq, history: [...p.history, entry] }, entry };
}

/** The date the schedule next has something to do for this publication, or undefined. */
export function dueOn(p: Publication): IsoDate | undefined {
  // The window can close the day after its last day (if every comment is answered by then).
  if (p.state === 'factual-accuracy' && p.factualAccuracy) return nextDay(p.factualAccuracy.closesOn);
  if (p.state === 'ready') return p.publishOn;
  return undefined;
}

const nextDay = (d: IsoDate) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** What the schedule does today for a publication that is due, if anything. */
export function scheduledCommand(p: Publication, today: IsoDate): PublicationCommand | undefined {
  if (p.state === 'factual-accuracy' && p.factualAccuracy && today > p.factualAccuracy.closesOn && p.openComments === 0)
    return { action: 'close-window', by: 'schedule' };
  if (p.state === 'ready' && p.publishOn && today >= p.publishOn) return { action: 'publish', by: 'schedule' };
  return undefined;
}

/** Whether a role's step is still open: links are refused once it is over. */
export function stepOpen(role: 'inspector' | 'reviewer' | 'provider', p: Publication | undefined, today: IsoDate): boolean {
  if (role === 'inspector') return true; // the inspector's link shows the form or, later, the status
  if (!p) return false;
  // The reviewer follows the findings until publication (returned: waiting for the inspector).
  if (role === 'reviewer') return ['submitted', 'in-review', 'returned', 'factual-accuracy', 'ready'].includes(p.state);
  return p.state === 'factual-accuracy' && p.factualAccuracy !== undefined && today <= p.factualAccuracy.closesOn;
}
