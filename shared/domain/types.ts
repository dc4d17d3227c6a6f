/**
 * The domain vocabulary, in the users' words. Pure types: no AWS, no I/O.
 * Dates are ISO calendar dates (`YYYY-MM-DD`); instants are ISO timestamps.
 */

export type IsoDate = string;
export type IsoInstant = string;

/** The eight Ofsted regions used in the provider file. */
export const OFSTED_REGIONS = [
  'East Midlands',
  'East of England',
  'London',
  'North East, Yorkshire and the Humber',
  'North West',
  'South East',
  'South West',
  'West Midlands',
] as const;
export type OfstedRegion = (typeof OFSTED_REGIONS)[number];

/**
 * A judgement on the four-point scale, normalised. Older words map to the same step:
 * "Requires improvement", "Adequate" and "Satisfactory" are all step 3.
 */
export type Grade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';

/** Interim inspections judge progress since the last full inspection instead of grading. */
export type InterimOutcome = 'improved' | 'sustained' | 'declined';

/** What an inspection event's "Overall effectiveness" cell said, normalised. */
export type OverallOutcome =
  | { readonly kind: 'grade'; readonly grade: Grade; readonly words: string }
  | { readonly kind: 'interim'; readonly outcome: InterimOutcome; readonly words: string }
  | { readonly kind: 'not-judged'; readonly words: string }
  | { readonly kind: 'none' };

export interface InspectionEvent {
  readonly urn: string;
  /** Ofsted's event number: unique per inspection event. */
  readonly eventNumber: string;
  /** "Full inspection", "Interim inspection", "Monitoring inspection", ... as published. */
  readonly eventType: string;
  readonly inspectionDate: IsoDate;
  readonly publicationDate?: IsoDate;
  readonly overall: OverallOutcome;
  /** Sub-judgements by published column name (e.g. "Leadership and management"). */
  readonly judgements: Readonly<Record<string, string>>;
}

export type ProviderStatus = 'open' | 'closed';

/** A regulated children's social care provider, as in Ofsted's provider-level file. */
export interface Provider {
  readonly urn: string;
  readonly name: string;
  readonly provisionType: string;
  readonly registrationStatus: string;
  readonly sector: string;
  /** Number of places; absent when the file leaves it blank. */
  readonly places?: number;
  readonly localAuthority: string;
  readonly region: OfstedRegion;
  readonly linkedEducationUrn?: string;
  readonly address: {
    readonly line1?: string;
    readonly line2?: string;
    readonly town?: string;
    readonly county?: string;
    readonly postcode?: string;
    /** Children's homes' addresses are published as REDACTED. */
    readonly redacted: boolean;
  };
  readonly parliamentaryConstituency?: string;
  readonly registrationDate?: IsoDate;
  readonly owner?: string;
  /** Latest full inspection as given in the provider snapshot. */
  readonly latestFullInspection?: InspectionEvent;
  /** open while present in the latest full snapshot; closed when a newer snapshot omits it. */
  readonly status: ProviderStatus;
  /** The snapshot (import) that last listed this provider. */
  readonly snapshotId: string;
}

/** ILACS: inspection of local authority children's services. */
export interface LaOutcome {
  readonly localAuthority: string;
  readonly region: OfstedRegion;
  readonly webLink?: string;
  /** Absent when the LA reads "Not yet inspected". */
  readonly inspectionDate?: IsoDate;
  readonly publicationDate?: IsoDate;
  readonly overall?: Grade;
  readonly leadersImpact?: Grade;
  readonly helpAndProtection?: Grade;
  readonly childrenInCare?: Grade;
  readonly careLeavers?: Grade;
  /** True when the outcome names an area for priority action. */
  readonly areaForPriorityAction: boolean;
}

export const SIGNAL_TYPES = [
  'complaint',
  'serious-event',
  'whistleblowing',
  'safeguarding-concern',
  'la-concern',
  'manager-change',
  'enforcement-action',
  /** A routine Regulation 44/45 report: received as expected, not a risk in itself. */
  'independent-report',
  /** A Regulation 44/45 report that did not arrive. */
  'independent-report-missing',
  /** A Regulation 44/45 report that arrived late. */
  'independent-report-late',
  /** A Regulation 44/45 report that raises concerns. */
  'independent-report-concern',
  /** Serious concerns an inspector recorded at a visit (derived from stored findings, not imported). */
  'serious-concerns',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** A piece of intelligence received since the last inspection. Exactly one of urn / la is set. */
export interface IntelligenceSignal {
  readonly signalId: string;
  readonly type: SignalType;
  readonly date: IsoDate;
  readonly urn?: string;
  readonly localAuthority?: string;
  /** 1 (low) to 3 (high); defaults to 1. */
  readonly severity: 1 | 2 | 3;
  /** For enforcement actions: still in force? */
  readonly open: boolean;
  /** For enforcement actions with a deadline (a compliance notice): when it must be met. */
  readonly dueDate?: IsoDate;
  readonly summary?: string;
  readonly source?: string;
}

/** A commissioner's subscription: which reports they are emailed. */
export interface Commissioner {
  readonly commissionerId: string;
  readonly name: string;
  readonly email: string;
  readonly organisation?: string;
  readonly localAuthorities: readonly string[];
  readonly regions: readonly OfstedRegion[];
  readonly urns: readonly string[];
}

/**
 * A named person at a provider or a local authority who is sent the draft report to check for
 * factual accuracy before publication. Exactly one of urn / localAuthority is set.
 */
export interface Contact {
  readonly contactId: string;
  readonly name: string;
  /** As canonicalEmail gives it. */
  readonly email: string;
  readonly urn?: string;
  readonly localAuthority?: string;
  /** e.g. "Registered manager", "Director of children's services". */
  readonly role?: string;
}

/** A manager who quality-assures (reviews) inspectors' findings for one or more Ofsted regions. */
export interface Reviewer {
  readonly reviewerId: string;
  readonly name: string;
  /** As canonicalEmail gives it. */
  readonly email: string;
  readonly regions: readonly OfstedRegion[];
}

export type TargetKind = 'provider' | 'la';

/** Who a visit is to: a regulated provider or a local authority. */
export interface VisitTarget {
  readonly kind: TargetKind;
  /** URN for a provider, the LA name for an LA. */
  readonly target: string;
  readonly targetName: string;
  readonly provisionType?: string;
  readonly localAuthority: string;
  readonly region: OfstedRegion;
}

/**
 * Where a visit is in its life, on the planning side:
 * - `planned`: in the programme, not yet notified; a re-plan may move it;
 * - `notified`: notice has gone out (for unannounced visits: the inspector has been assigned);
 * - `in-progress`: the visit has started;
 * - `deferred`: put off (with a reason and the earliest new date), planned again from then;
 * - `cancelled`: will not happen (with a reason);
 * - `dropped`: a re-plan took it out of the programme before it was notified (kept for the record);
 * - `findings-received`: findings were submitted; from here the publication record carries the
 *   review, factual accuracy and publication states;
 * - `published`: a report of it is public.
 * A visit in a past week, notified, in progress or with findings is fixed: a re-plan never moves it.
 */
export const VISIT_STATUSES = ['planned', 'notified', 'in-progress', 'deferred', 'cancelled', 'dropped', 'findings-received', 'published'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** Who carries out a visit: LA visits are led by HMI, provider visits by social care regulatory inspectors. */
export type PoolId = 'la' | 'provider';

/** Why and until when a visit was put off (ops: `npm run visit -- defer`). */
export interface Deferral {
  /** The day it was deferred. */
  readonly on: IsoDate;
  /** The earliest date it may be planned again. */
  readonly until: IsoDate;
  readonly reason: string;
}

/** Why a visit will not happen (ops: `npm run visit -- cancel`). */
export interface Cancellation {
  readonly on: IsoDate;
  readonly reason: string;
}

/** A planned visit, as stored and as handed to inspectors. */
export interface Visit extends VisitTarget {
  readonly visitId: string;
  readonly programmeId: string;
  /** Monday of the planned week. */
  readonly week: IsoDate;
  /**
   * When notice is given: to the provider or LA for announced visits, or, for unannounced visits,
   * when the inspector is told (the provider is told nothing). From this day the visit is fixed.
   */
  readonly noticeDate: IsoDate;
  readonly inspector?: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly status: VisitStatus;
  readonly pool?: PoolId;
  /** Children's homes and secure children's homes are visited unannounced. */
  readonly unannounced?: boolean;
  /** The last day of the visit, from its findings. */
  readonly visitedOn?: IsoDate;
  readonly deferral?: Deferral;
  readonly cancellation?: Cancellation;
  /** Planned for triage or as a follow-up: it counts against the capacity held back for those. */
  readonly urgent?: boolean;
}

export const ENFORCEMENT_ACTIONS = [
  'none',
  'compliance-notice',
  'restriction-of-accommodation',
  'suspension',
  'cancellation',
  'conditions-on-registration',
  'prosecution',
] as const;
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number];

export const VISIT_METHODS = ['on-site', 'remote', 'blended'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
