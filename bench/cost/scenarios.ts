/**
 * How much work a month brings, for the national service and a stress remit. Every number here is
 * an assumption, stated as a sentence in `assumptions` so the table can be read without this file.
 */
import type { UnitId } from './units';

export interface Remit {
  readonly providers: number;
  readonly localAuthorities: number;
  readonly signalsPerYear: number;
  readonly visitsPerYear: number;
  readonly commissioners: number;
  /** In-year inspection events imported a year. */
  readonly inspectionsPerYear: number;
  readonly publicPageViewsPerMonth: number;
}

export interface Scenario {
  readonly name: 'national' | 'stress';
  readonly remit: Remit;
  /** Units of work a month. */
  readonly monthly: Record<UnitId, number>;
  /** Storage is priced as held in this month of running (what is kept keeps growing after it). */
  readonly storageMonth: number;
  readonly assumptions: readonly string[];
}

const DAYS_PER_MONTH = 365.25 / 12;
const WEEKS_PER_MONTH = DAYS_PER_MONTH / 7;

/** Practice that does not change with the size of the remit. */
export const PRACTICE = {
  providerSnapshotsPerMonth: 1,
  inspectionFilesPerMonth: 1,
  laOutcomeFilesPerMonth: 1,
  signalFilesPerWeek: 1,
  commissionerFilesPerMonth: 1,
  /** Each commissioner follows about one LA, and an LA has about ten of them (1,500 for 152 LAs). */
  reportEmailsPerVisit: 10,
  /** Upper bound: every commissioner gets a digest every week. */
  digestsPerCommissionerPerWeek: 1,
  /** A fifth of visits are late with their findings, and are reminded daily for a week. */
  overdueVisitShare: 0.2,
  reminderDaysPerOverdueVisit: 7,
  /** A reader views three pages a visit; the first loads the page assets, the browser caches them. */
  pageViewsPerReader: 3,
  /** Share of emails that bounce or are complained about. */
  bounceShare: 0.01,
  storageMonth: 12,
} as const;

export function scenario(name: Scenario['name'], r: Remit): Scenario {
  const p = PRACTICE;
  const importsPerMonth =
    p.providerSnapshotsPerMonth + p.inspectionFilesPerMonth + p.laOutcomeFilesPerMonth + p.signalFilesPerWeek * WEEKS_PER_MONTH + p.commissionerFilesPerMonth;
  const runs = DAYS_PER_MONTH + importsPerMonth;
  const visits = r.visitsPerYear / 12;
  const reportEmails = visits * p.reportEmailsPerVisit;
  const digestEmails = r.commissioners * p.digestsPerCommissionerPerWeek * WEEKS_PER_MONTH;
  const reminderEmails = visits * p.overdueVisitShare * p.reminderDaysPerOverdueVisit;
  const monthly: Record<UnitId, number> = {
    providerRow: r.providers * p.providerSnapshotsPerMonth,
    inspectionRow: r.inspectionsPerYear / 12,
    laOutcomeRow: r.localAuthorities * p.laOutcomeFilesPerMonth,
    signalRow: r.signalsPerYear / 12,
    commissionerRow: r.commissioners * p.commissionerFilesPerMonth,
    prioritiseProvider: runs * r.providers,
    prioritiseRun: runs,
    visit: visits,
    reportEmail: reportEmails,
    digestRun: WEEKS_PER_MONTH,
    digestEmail: digestEmails,
    reminderRun: DAYS_PER_MONTH,
    reminderEmail: reminderEmails,
    publicPageView: r.publicPageViewsPerMonth,
    publicFirstVisit: r.publicPageViewsPerMonth / p.pageViewsPerReader,
    bounce: (reportEmails + digestEmails + reminderEmails) * p.bounceShare,
  };
  const n = (x: number) => Math.round(x).toLocaleString('en-GB');
  return {
    name,
    remit: r,
    monthly,
    storageMonth: p.storageMonth,
    assumptions: [
      `${n(r.providers)} providers and ${r.localAuthorities} local authorities; one full provider snapshot, one in-year inspections file (${n(r.inspectionsPerYear)} events a year), one LA outcomes file and one commissioner list (${n(r.commissioners)} commissioners) a month; intelligence weekly (${n(r.signalsPerYear)} signals a year).`,
      `Prioritisation runs nightly and after each import: ${n(runs)} runs a month, each scoring every provider and reading the whole table.`,
      `${n(r.visitsPerYear)} visits a year (${n(visits)} a month) go from the inspector's link to a published report; each report is emailed to ${p.reportEmailsPerVisit} commissioners.`,
      `Every commissioner gets a weekly digest (an upper bound: ${n(digestEmails)} a month); a fifth of visits are late and their inspectors are reminded daily for a week (${n(reminderEmails)} reminders a month); 1% of emails bounce.`,
      `${n(r.publicPageViewsPerMonth)} public page views a month (reports index, reports and PDFs), three per reader, whose browser loads the page assets once.`,
      `Storage is priced as held in month ${p.storageMonth}: imports expire after 90 days, everything else is kept (old object versions for 365 days), function logs for 90 days, API access logs for a year.`,
      'A function starts cold (INIT billed, as Lambda has since August 2025, and the link secret read again) on every invocation until it runs more than once every 5 minutes on average; every invocation is traced by X-Ray. Both are upper bounds at this volume.',
      'Durations were measured on the emulators on a shared 2-core machine, where DynamoDB Local is much slower than DynamoDB: Lambda time is overstated, not understated.',
    ],
  };
}

export const NATIONAL: Remit = {
  providers: 2_800,
  localAuthorities: 152,
  signalsPerYear: 20_000,
  visitsPerYear: 3_000,
  commissioners: 1_500,
  inspectionsPerYear: 3_500,
  publicPageViewsPerMonth: 20_000,
};

/** A remit 100,000 providers wide, with a million signals a year; everything else scaled with providers (LAs stay 152). */
export function stressRemit(): Remit {
  const k = 100_000 / NATIONAL.providers;
  return {
    providers: 100_000,
    localAuthorities: NATIONAL.localAuthorities,
    signalsPerYear: 1_000_000,
    visitsPerYear: Math.round(NATIONAL.visitsPerYear * k),
    commissioners: Math.round(NATIONAL.commissioners * k),
    inspectionsPerYear: Math.round(NATIONAL.inspectionsPerYear * k),
    publicPageViewsPerMonth: Math.round(NATIONAL.publicPageViewsPerMonth * k),
  };
}
