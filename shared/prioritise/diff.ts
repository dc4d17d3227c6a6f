/** What-if: how a proposed programme differs from the one in force, and why. */
import { ukDate } from '../domain/dates';
import type { PlannedVisit, Programme } from './programme';

export interface ProgrammeDiff {
  readonly entered: { target: string; targetName: string; week: string; reasons: string[] }[];
  readonly left: { target: string; targetName: string; week: string; why: string }[];
  readonly moved: { target: string; targetName: string; from: string; to: string; why: string }[];
  readonly unchanged: number;
}

const key = (v: { kind: string; target: string }) => `${v.kind}:${v.target}`;

function whyMoved(before: PlannedVisit, after: PlannedVisit): string {
  const added = after.reasons.filter((r) => !before.reasons.includes(r));
  const removed = before.reasons.filter((r) => !after.reasons.includes(r));
  const parts = [`score ${before.score} -> ${after.score}`];
  if (added.length) parts.push(`now: ${added.join('; ')}`);
  if (removed.length) parts.push(`no longer: ${removed.join('; ')}`);
  if (!added.length && !removed.length) parts.push('same reasons; capacity or the order of higher-need visits changed');
  return parts.join('; ');
}

export function diffProgrammes(current: Programme, proposed: Programme): ProgrammeDiff {
  const before = new Map(current.planned.map((v) => [key(v), v]));
  const after = new Map(proposed.planned.map((v) => [key(v), v]));
  const whyNot = new Map(proposed.unplanned.map((u) => [key(u), u.why]));
  const entered = proposed.planned.filter((v) => !before.has(key(v))).map((v) => ({ target: v.target, targetName: v.targetName, week: v.week, reasons: v.reasons }));
  const left = current.planned
    .filter((v) => !after.has(key(v)))
    .map((v) => ({ target: v.target, targetName: v.targetName, week: v.week, why: whyNot.get(key(v)) ?? 'No longer in the data' }));
  const moved = proposed.planned
    .filter((v) => before.has(key(v)) && before.get(key(v))!.week !== v.week)
    .map((v) => ({ target: v.target, targetName: v.targetName, from: before.get(key(v))!.week, to: v.week, why: whyMoved(before.get(key(v))!, v) }));
  const unchanged = proposed.planned.filter((v) => before.get(key(v))?.week === v.week).length;
  return { entered, left, moved, unchanged };
}

export function renderDiffText(d: ProgrammeDiff): string {
  const lines = [`${d.entered.length} would enter, ${d.left.length} would leave, ${d.moved.length} would move week, ${d.unchanged} unchanged.`];
  if (d.entered.length) lines.push('', 'Would enter the programme:', ...d.entered.map((e) => `  + ${e.targetName} (${e.target}), week of ${ukDate(e.week)}: ${e.reasons.slice(0, 3).join('; ')}`));
  if (d.left.length) lines.push('', 'Would leave the programme:', ...d.left.map((l) => `  - ${l.targetName} (${l.target}), was week of ${ukDate(l.week)}: ${l.why}`));
  if (d.moved.length) lines.push('', 'Would move week:', ...d.moved.map((m) => `  ~ ${m.targetName} (${m.target}): ${ukDate(m.from)} -> ${ukDate(m.to)}: ${m.why}`));
  return `${lines.join('\n')}\n`;
}
