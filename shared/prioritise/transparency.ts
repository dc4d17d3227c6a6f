/**
 * A plain-English description of the tool, in the style of the UK Algorithmic Transparency
 * Recording Standard (Tier 1 summary and Tier 2 detail), generated from the policy in force.
 */
import { ukDate } from '../domain/dates';
import { OFSTED_REGIONS, SIGNAL_TYPES } from '../domain/types';
import { govukCss, renderTemplate } from '../web/render';
import type { Policy } from './policy';
import type { Programme } from './programme';
import { LA_BAND_LABELS } from './score';

export function transparencyRecord(policy: Policy, programme?: Programme): string {
  const w = policy.weights;
  const factors = [
    ['Last full inspection judgement', `Inadequate +${w.lastGrade.inadequate}, requires improvement +${w.lastGrade['requires-improvement']}, good +${w.lastGrade.good}, outstanding +${w.lastGrade.outstanding}`],
    ['Trend', `Declined since the previous full inspection, or an interim inspection found declined effectiveness: +${w.declined}; improved: ${w.improved}`],
    ['Time since last full inspection', `${w.perMonthSinceFullInspection} per month, at most ${w.maxForTimeSinceInspection}`],
    ['Never inspected', `+${w.neverInspected} (newly registered within ${w.newlyRegisteredMonths} months: +${w.newlyRegistered})`],
    ...SIGNAL_TYPES.map((t) => [`Intelligence: ${t.replace(/-/g, ' ')}`, `${w.signals[t]} per signal, times its severity (1 to 3), halved every ${w.signalHalfLifeDays} days; scaled for size (a home of ${w.referencePlaces} places counts as 1)`]),
    ['Open enforcement action', `+${w.openEnforcement}`],
    ['Provision type', Object.entries(w.provisionTypeRisk).map(([k, v]) => `${k} +${v}`).join('; ')],
    ['Places', `${w.perPlace} per place, at most ${w.maxForPlaces}`],
  ];
  return renderTemplate('programme/transparency.njk', {
    pageTitle: 'Algorithmic transparency record: visit prioritisation',
    inlineCss: govukCss(),
    policy,
    programme,
    factors,
    bands: Object.entries(LA_BAND_LABELS).map(([band, label]) => ({ band, label })),
    capacity: OFSTED_REGIONS.map((r) => ({ region: r, perWeek: policy.capacity[r] })),
    ukDate,
  });
}
