import type { VisitCommand } from './command';
import { noteFor, orRefused, visitContext } from './context';

export const publish: VisitCommand = {
  name: 'publish',
  summary: 'publish a ready report now (before its publication date: give a reason)',
  usage:
    'VISIT_ID [--reason TEXT] [--json]\nOnly a report whose review and factual accuracy check are done ("ready") can be published. The schedule publishes on the date by itself.',
  options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => {
    const c = await visitContext(positionals[0]!);
    const reason = typeof values.reason === 'string' && values.reason.trim() ? values.reason : undefined;
    const result = orRefused(await c.act({ action: 'publish', by: c.by, ...(reason ? { reason } : {}) }));
    return c.show(values.json === true, noteFor(result, 'Published: the report is public and commissioners are being emailed.'));
  },
};
