/**
 * Commissioner subscriptions: who is emailed the reports (and the restricted briefings) for which
 * local authorities, regions or providers. Because they receive restricted material, a list of
 * people is only taken for commissioners when its header says so (see `detection`).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import type { Commissioner } from '../../domain/types';
import { keys } from '../../keys';
import { emailAddress, list, optional, optionalText, regionList, requiredText } from '../fields';
import { accept, defineKind, refuse } from '../kind-spec';

const COLUMNS = {
  name: { name: 'Name', required: true, text: 'name' },
  email: { name: 'Email', aliases: ['Email address'], required: true },
  organisation: { name: 'Organisation', aliases: ['Organization', 'Council'], text: 'name' },
  localAuthorities: { name: 'Local authorities', aliases: ['Local authority', 'LAs'], text: 'name' },
  regions: { name: 'Regions', aliases: ['Region', 'Ofsted regions', 'Ofsted region'], text: 'name' },
  urns: { name: 'URNs', aliases: ['URN', 'Providers'] },
} as const;

const row = onFirstUse(() =>
  z.object({
    name: requiredText(),
    email: emailAddress(),
    organisation: optional(optionalText()),
    localAuthorities: optional(list()),
    regions: optional(regionList()),
    urns: optional(list()),
  }),
);

export const commissioners = defineKind({
  title: 'commissioner subscriptions',
  columns: COLUMNS,
  detection: {
    rank: 3,
    // Not "Local authority", "URN" or "Ofsted region": a contacts file and Ofsted's files have those.
    distinctive: ['Organisation', 'Organization', 'Council', 'Local authorities', 'LAs', 'Regions', 'Region', 'Ofsted regions', 'URNs', 'Providers'],
    recognisedBy: 'an "Organisation", "Local authorities", "Regions" or "URNs" column (plural) beside "Email"',
  },
  schema: row,
  toEntity: (r) => {
    const c: Commissioner = {
      commissionerId: `c-${createHash('sha256').update(r.email).digest('hex').slice(0, 16)}`,
      name: r.name,
      email: r.email,
      ...(r.organisation ? { organisation: r.organisation } : {}),
      localAuthorities: r.localAuthorities ?? [],
      regions: r.regions ?? [],
      urns: r.urns ?? [],
    };
    if (c.localAuthorities.length + c.regions.length + c.urns.length === 0) {
      return refuse(
        'localAuthorities',
        'and "Regions" and "URNs" are all empty: say which local authorities, regions or providers this commissioner wants reports for',
      );
    }
    return accept(c);
  },
  items: (c) => [{ ...keys.commissioner(c.commissionerId), ...keys.commissionerListed(c.commissionerId), entity: 'commissioner', ...c }],
  duplicate: { key: (c) => c.email, field: 'email' },
});
