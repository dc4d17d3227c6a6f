/** Judgement words across Ofsted's frameworks, normalised to the four-point scale. */
import type { Grade, InterimOutcome, OverallOutcome } from './types';

const GRADE_WORDS: Record<string, Grade> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement to be good': 'requires-improvement',
  // Older frameworks' words for the third step of the scale.
  'requires improvement': 'requires-improvement',
  adequate: 'requires-improvement',
  satisfactory: 'requires-improvement',
  inadequate: 'inadequate',
};

const INTERIM_WORDS: Record<string, InterimOutcome> = {
  'improved effectiveness': 'improved',
  'sustained effectiveness': 'sustained',
  'declined in effectiveness': 'declined',
};

export const ACCEPTED_GRADE_WORDS = [
  'Outstanding',
  'Good',
  'Requires improvement to be good',
  'Inadequate',
  'Requires improvement',
  'Adequate',
  'Satisfactory',
];
export const ACCEPTED_OUTCOME_WORDS = [...ACCEPTED_GRADE_WORDS, 'Improved effectiveness', 'Sustained effectiveness', 'Declined in effectiveness', 'Not judged'];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function parseGrade(words: string): Grade | undefined {
  return GRADE_WORDS[norm(words)];
}

/** An "Overall effectiveness" cell; undefined when the words are not a known outcome. */
export function parseOverall(words: string): OverallOutcome | undefined {
  const w = norm(words);
  if (w === '') return { kind: 'none' };
  const grade = GRADE_WORDS[w];
  if (grade) return { kind: 'grade', grade, words: words.trim() };
  const interim = INTERIM_WORDS[w];
  if (interim) return { kind: 'interim', outcome: interim, words: words.trim() };
  if (w === 'not judged') return { kind: 'not-judged', words: words.trim() };
  return undefined;
}

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

/** Higher is worse: used for trends (a move up the scale is a decline). */
export const GRADE_RANK: Record<Grade, number> = { outstanding: 1, good: 2, 'requires-improvement': 3, inadequate: 4 };
