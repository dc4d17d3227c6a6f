import { UsageError } from '../lib/cli';
import type { VisitCommand } from './command';
import { noteFor, orRefused, visitContext } from './context';

export const returnFindings: VisitCommand = {
  name: 'return',
  summary: 'return findings in review to the inspector, with comments they see on their form',
  usage: 'VISIT_ID --reason TEXT [--json]\nThe reason is the comments for the inspector.',
  options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => {
    if (typeof values.reason !== 'string' || values.reason.trim() === '') throw new UsageError('--reason is required: the comments for the inspector.');
    const c = await visitContext(positionals[0]!);
    const result = orRefused(await c.act({ action: 'return', reason: values.reason, by: c.by }));
    return c.show(values.json === true, noteFor(result, 'Returned to the inspector, who has been emailed.'));
  },
};
