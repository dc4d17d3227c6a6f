import { UsageError } from '../lib/cli';
import type { VisitCommand } from './command';
import { noteFor, orRefused, visitContext } from './context';

export const withdraw: VisitCommand = {
  name: 'withdraw',
  summary: 'withdraw a published report: its page shows a withdrawal notice; everyone emailed it is told',
  usage: 'VISIT_ID --reason TEXT [--json]\nThe reason is recorded in the history (it is not published).',
  options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => {
    if (typeof values.reason !== 'string' || values.reason.trim() === '')
      throw new UsageError('--reason is required: why the report is withdrawn (recorded, not published).');
    const c = await visitContext(positionals[0]!);
    const result = orRefused(await c.act({ action: 'withdraw', reason: values.reason, by: c.by }));
    return c.show(
      values.json === true,
      noteFor(result, 'Withdrawn: the report page shows a withdrawal notice, and everyone who was emailed it is being told.'),
    );
  },
};
