import { contactsOf } from '../../shared/aws/people-store';
import { getPublication } from '../../shared/aws/publication-store';
import type { VisitCommand } from './command';
import { noteFor, orRefused, visitContext } from './context';

export const approve: VisitCommand = {
  name: 'approve',
  summary: "approve findings in review (as the reviewer): the draft goes to the provider's or LA's contacts",
  usage: 'VISIT_ID [--reason TEXT] [--json]\nFindings still waiting for a reviewer are taken into review by you first (recorded in the history).',
  options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => {
    const c = await visitContext(positionals[0]!);
    const reason = typeof values.reason === 'string' ? values.reason : undefined;
    if ((await getPublication(c.visit.visitId))?.state === 'submitted') orRefused(await c.act({ action: 'start-review', reviewer: c.by, by: c.by }));
    const contacts = (await contactsOf(c.visit)).map((k) => k.email);
    const result = orRefused(await c.act({ action: 'approve', contacts, by: c.by, ...(reason ? { reason } : {}) }));
    return c.show(
      values.json === true,
      noteFor(result, `Approved: the draft went to ${contacts.join(', ') || 'nobody (no contact held for this provider or LA)'}.`),
    );
  },
};
