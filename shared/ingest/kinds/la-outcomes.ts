/**
 * Local authority inspection outcomes (ILACS): one row per local authority with its latest
 * judgements, or "Not yet inspected".
 */
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import { parseUkDate } from '../../domain/dates';
import { ACCEPTED_GRADE_WORDS, parseGrade } from '../../domain/grades';
import type { LaOutcome } from '../../domain/types';
import { keys } from '../../keys';
import { convert, optional, optionalText, region, requiredText, text } from '../fields';
import { accept, defineKind, refuse } from '../kind-spec';

const COLUMNS = {
  webLink: { name: 'Web link' },
  localAuthority: { name: 'Local authority name', aliases: ['Local authority', 'LA name'], required: true, text: 'name' },
  region: { name: 'Ofsted region', required: true, text: 'name' },
  inspectionDate: { name: 'Inspection date', required: true },
  publicationDate: { name: 'Publication date' },
  overall: { name: 'Overall effectiveness', required: true },
  leadersImpact: { name: 'The impact of leaders on social work practice with children and families' },
  helpAndProtection: { name: 'The experiences and progress of children who need help and protection' },
  childrenInCare: { name: 'The experiences and progress of children in care', aliases: ['The experiences and progress of children in care and care leavers'] },
  careLeavers: { name: 'The experiences and progress of care leavers' },
  areaForPriorityAction: { name: 'Area for priority action', aliases: ['Areas for priority action'] },
} as const;

const notYet = (s: string) => s === '' || /^not yet inspected$/i.test(s);

/** ILACS cells: a grade, "Not yet inspected", or blank. */
const laGrade = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      if (notYet(s)) return undefined;
      const g = parseGrade(s);
      if (!g)
        ctx.addIssue({
          code: 'custom',
          message: `"${s}" is not a judgement we know: use one of ${ACCEPTED_GRADE_WORDS.join(', ')}, "Not yet inspected", or leave it blank`,
        });
      return g;
    }),
  ),
);

const laDate = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      if (notYet(s)) return undefined;
      const d = parseUkDate(s);
      if (!d) ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date: write it as dd/mm/yyyy, or "Not yet inspected"` });
      return d;
    }),
  ),
);

const yesNo = onFirstUse(() =>
  z.pipe(
    text(),
    convert((s: string, ctx) => {
      const v = s.toLowerCase();
      if (v === '' || v === 'no' || v === 'n' || v === 'false') return false;
      if (v === 'yes' || v === 'y' || v === 'true') return true;
      ctx.addIssue({ code: 'custom', message: `"${s}" is not Yes or No` });
      return false;
    }),
  ),
);

const row = onFirstUse(() =>
  z.object({
    webLink: optional(optionalText()),
    localAuthority: requiredText(),
    region: region(),
    inspectionDate: laDate(),
    publicationDate: optional(laDate()),
    overall: laGrade(),
    leadersImpact: optional(laGrade()),
    helpAndProtection: optional(laGrade()),
    childrenInCare: optional(laGrade()),
    careLeavers: optional(laGrade()),
    areaForPriorityAction: optional(yesNo()),
  }),
);

export const laOutcomes = defineKind({
  title: 'LA inspection outcomes (ILACS)',
  columns: COLUMNS,
  detection: {
    rank: 1,
    byColumnCount: true,
    distinctive: ['Local authority name', 'LA name', COLUMNS.leadersImpact.name],
    recognisedBy:
      'a "Local authority name" column, or ILACS judgement columns such as "The impact of leaders on social work practice with children and families"',
  },
  schema: row,
  toEntity: (r) => {
    if (r.inspectionDate && !r.overall)
      return refuse('overall', `is blank or "Not yet inspected" but the inspection date is ${r.inspectionDate}: give the overall judgement`);
    if (!r.inspectionDate && r.overall)
      return refuse('inspectionDate', 'is blank or "Not yet inspected" but an overall judgement is given: give the inspection date');
    const outcome: LaOutcome = {
      localAuthority: r.localAuthority,
      region: r.region,
      ...(r.webLink ? { webLink: r.webLink } : {}),
      ...(r.inspectionDate ? { inspectionDate: r.inspectionDate } : {}),
      ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
      ...(r.overall ? { overall: r.overall } : {}),
      ...(r.leadersImpact ? { leadersImpact: r.leadersImpact } : {}),
      ...(r.helpAndProtection ? { helpAndProtection: r.helpAndProtection } : {}),
      ...(r.childrenInCare ? { childrenInCare: r.childrenInCare } : {}),
      ...(r.careLeavers ? { careLeavers: r.careLeavers } : {}),
      areaForPriorityAction: r.areaForPriorityAction ?? false,
    };
    return accept(outcome);
  },
  items: (o) => [{ ...keys.laOutcome(o.localAuthority), entity: 'la-outcome', ...o }],
  duplicate: { key: (o) => o.localAuthority.toLowerCase(), field: 'localAuthority' },
});
