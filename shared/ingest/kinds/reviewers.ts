/**
 * Reviewers: the managers who quality-assure inspectors' findings, each for one or more Ofsted
 * regions. One item per region, so a Query on a region finds its reviewers. The regions column is
 * named "Regions reviewed", so the file is never taken for a list of commissioners.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import type { Reviewer } from '../../domain/types';
import { keys } from '../../keys';
import { emailAddress, regionList, requiredText } from '../fields';
import { accept, defineKind, refuse } from '../kind-spec';

const COLUMNS = {
  name: { name: 'Name', aliases: ['Reviewer name', 'Reviewer'], required: true, text: 'name' },
  email: { name: 'Email', aliases: ['Reviewer email', 'Email address'], required: true },
  regions: { name: 'Regions reviewed', aliases: ['Reviews regions', 'Review regions'], required: true, text: 'name' },
} as const;

const row = onFirstUse(() => z.object({ name: requiredText(), email: emailAddress(), regions: regionList() }));

export const reviewers = defineKind({
  title: 'reviewers',
  columns: COLUMNS,
  detection: { rank: 3, distinctive: ['Regions reviewed', 'Reviews regions', 'Review regions'], recognisedBy: 'a "Regions reviewed" column' },
  schema: row,
  toEntity: (r) => {
    if (r.regions.length === 0) return refuse('regions', 'is empty: name the Ofsted regions this person reviews, separated by semicolons');
    const reviewer: Reviewer = {
      reviewerId: `r-${createHash('sha256').update(r.email).digest('hex').slice(0, 16)}`,
      name: r.name,
      email: r.email,
      regions: [...new Set(r.regions)],
    };
    return accept(reviewer);
  },
  items: (r) => r.regions.map((region) => ({ ...keys.reviewer(region, r.email), entity: 'reviewer', ...r })),
  duplicate: { key: (r) => r.email, field: 'email' },
});
