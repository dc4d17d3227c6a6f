/**
 * The units of work the cost model scales by. The season (season.ts) measures what one of each
 * costs in billable calls; a scenario (scenarios.ts) says how many of each a month brings.
 */
export const UNITS = {
  providerRow: 'a provider row in a full provider snapshot (upload, import, import report, ImportCompleted event)',
  inspectionRow: 'an in-year inspection event row',
  laOutcomeRow: 'an LA inspection outcome (ILACS) row',
  signalRow: 'an intelligence signal row',
  commissionerRow: 'a commissioner subscription row',
  prioritiseProvider: 'a provider scored and planned by one prioritisation run (all but its table Scan)',
  prioritiseRun: "a prioritisation run's Scan of the whole table",
  visit:
    "a visit from the inspector's link to its published report (form page and assets, S3 POST, validation, HTML and PDF, reports index, queueing its emails)",
  reportEmail: 'a report email to one commissioner, with the PDF attached',
  digestRun: 'a weekly digest run with nothing to send (it finds commissioners with a Scan of the table)',
  digestEmail: 'a weekly digest email to one commissioner',
  reminderRun: 'a daily reminders run with nothing to send (it finds visits with a Scan of the table)',
  reminderEmail: "an overdue-findings reminder to a region's inspectors",
  publicPageView: 'a public page view (the reports index, a report or its PDF)',
  publicFirstVisit: "the page assets a first-time reader's browser loads once (then caches)",
  bounce: 'a bounce or complaint notice from SES (through SNS) added to the suppression list',
} as const;

export type UnitId = keyof typeof UNITS;

/**
 * Units whose items each snapshot overwrites: the table holds one set of them whatever the
 * month. Every other unit's items and objects stay, so they pile up month after month.
 */
export const STOCK_UNITS: ReadonlySet<UnitId> = new Set<UnitId>(['providerRow', 'laOutcomeRow', 'commissionerRow']);
