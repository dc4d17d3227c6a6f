/** What-if and run summaries: how a programme changes the visits planned before it, in words. */
import { ukDate } from '../domain/dates';
import type { Programme } from './programme';

/** The dry run's JSON: who would enter, leave or move week (the earlier shape, plus the as-of date and triage). */
export function dryRunJson(p: Programme) {
  const fixedOrKept = p.planned.length - p.changes.added.length - p.changes.moved.length;
  return {
    asOf: p.asOf,
    entered: p.changes.added.map((c) => ({ target: c.target, targetName: c.targetName, week: c.to, why: c.why })),
    left: p.changes.dropped.map((c) => ({ target: c.target, targetName: c.targetName, week: c.from, why: c.why })),
    moved: p.changes.moved.map((c) => ({ target: c.target, targetName: c.targetName, from: c.from, to: c.to, why: c.why })),
    unchanged: fixedOrKept,
    triage: p.triage,
    noSlot: p.noSlot,
  };
}

/** A name, with the URN after it unless the name already says it ("Children's home (URN SC1)"). */
const named = (x: { targetName: string; target: string }) => (x.targetName.includes(x.target) ? x.targetName : `${x.targetName} (${x.target})`);

export function renderChangesText(p: Programme): string {
  const { moved, added, dropped } = p.changes;
  const lines = [
    `As of ${ukDate(p.asOf)}: ${added.length} would be added, ${dropped.length} dropped, ${moved.length} moved to another week; ${p.triage.length} in triage (${p.noSlot} with no visit in time).`,
  ];
  if (added.length) lines.push('', 'Added:', ...added.map((c) => `  + ${named(c)}, week of ${ukDate(c.to ?? '')}: ${c.why}`));
  if (dropped.length) lines.push('', 'Dropped:', ...dropped.map((c) => `  - ${named(c)}, was week of ${ukDate(c.from ?? '')}: ${c.why}`));
  if (moved.length) lines.push('', 'Moved:', ...moved.map((c) => `  ~ ${named(c)}: ${ukDate(c.from ?? '')} -> ${ukDate(c.to ?? '')}: ${c.why}`));
  if (p.triage.length)
    lines.push(
      '',
      'Triage:',
      ...p.triage.map(
        (t) => `  ! ${named(t)}, due by ${ukDate(t.dueBy)}: ${t.outcome}${t.week ? `, week of ${ukDate(t.week)}` : ''}${t.why ? ` (${t.why})` : ''}`,
      ),
    );
  return `${lines.join('\n')}\n`;
}
