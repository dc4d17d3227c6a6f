/** npm run visit -- cancel VISIT_ID --reason TEXT [--as-of DATE] [--json] */
import { visitLifecyclePorts } from '../../shared/aws/programme-store';
import { cancelVisit } from '../../shared/prioritise/lifecycle';
import { dateOption, UsageError } from '../lib/cli';
import { loadLocalEndpoints } from '../lib/local-env';
import type { VisitCommand } from './command';
import { localToday, reportLifecycle } from './lifecycle-output';

export const cancel: VisitCommand = {
  name: 'cancel',
  summary: 'cancel a visit, with a reason (it will not happen)',
  usage:
    'VISIT_ID --reason TEXT [--as-of YYYY-MM-DD] [--json]\nThe next programme run gives its week to another visit. --as-of: the day it is cancelled (default today, on the local cloud clock).',
  options: { reason: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  async run({ values, positionals }) {
    const reason = typeof values.reason === 'string' ? values.reason : undefined;
    if (reason === undefined) throw new UsageError('--reason is required: why the visit will not happen.');
    const asOf = dateOption(typeof values['as-of'] === 'string' ? values['as-of'] : undefined, 'as-of');
    const { web } = loadLocalEndpoints();
    const today = asOf ?? (await localToday(web));
    const outcome = await cancelVisit(visitLifecyclePorts, positionals[0]!, { reason, today });
    return reportLifecycle(outcome, values.json === true, 'Cancelled');
  },
};
