/**
 * Factual accuracy contacts: the person at a provider (URN) or a local authority who is sent the
 * draft report to check before publication. Stored under the provider's or LA's partition, so a
 * Query on it finds its contacts. They never receive restricted material, so a contacts file is
 * told from a commissioners file by a column commissioners files do not have (see `detection`).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import type { Contact } from '../../domain/types';
import { keys } from '../../keys';
import { emailAddress, optional, optionalText, optionalUrn, requiredText } from '../fields';
import { accept, defineKind, refuse } from '../kind-spec';

const COLUMNS = {
  urn: { name: 'URN' },
  localAuthority: { name: 'Local authority', text: 'name' },
  name: { name: 'Name', aliases: ['Contact name'], required: true, text: 'name' },
  email: { name: 'Email', aliases: ['Contact email', 'Email address'], required: true },
  role: { name: 'Role', aliases: ['Job title'], text: 'name' },
} as const;

const row = onFirstUse(() =>
  z.object({
    urn: optional(optionalUrn()),
    localAuthority: optional(optionalText()),
    name: requiredText(),
    email: emailAddress(),
    role: optional(z.pipe(optionalText(), z.optional(z.string().check(z.maxLength(200, { error: 'is longer than 200 characters' }))))),
  }),
);

const target = (c: Pick<Contact, 'urn' | 'localAuthority'>) => c.urn ?? c.localAuthority ?? '';

export const contacts = defineKind({
  title: 'factual accuracy contacts',
  columns: COLUMNS,
  detection: {
    rank: 3,
    distinctive: ['Role', 'Job title', 'Contact name', 'Contact email'],
    recognisedBy: 'a "Role" (or "Job title") column, kept even when its cells are blank, or columns named "Contact name" / "Contact email"',
  },
  schema: row,
  toEntity: (r) => {
    if (!r.urn === !r.localAuthority) {
      return refuse(
        r.urn ? 'urn' : 'localAuthority',
        r.urn
          ? 'and "Local authority" are both given: a contact is for one provider (URN) or one local authority; use one row for each'
          : 'and "URN" are both empty: say which provider (URN) or local authority this person checks reports for',
      );
    }
    const where = r.urn ? { urn: r.urn } : { localAuthority: r.localAuthority };
    const contact: Contact = {
      contactId: `k-${createHash('sha256')
        .update(`${keys.contact(where, r.email).pk}\u0000${r.email}`)
        .digest('hex')
        .slice(0, 16)}`,
      name: r.name,
      email: r.email,
      ...where,
      ...(r.role ? { role: r.role } : {}),
    };
    return accept(contact);
  },
  items: (c) => [{ ...keys.contact(c, c.email), entity: 'contact', ...c }],
  duplicate: { key: (c) => `${c.email} for ${target(c)}`, field: 'email' },
  providerReference: (c) => c.urn,
});
