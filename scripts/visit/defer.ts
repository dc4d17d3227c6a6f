/** npm run visit -- defer VISIT_ID --until DATE --reason TEXT [--as-of DATE] [--json] */
import { visitLifecyclePorts } from '../../shared/aws/programme-store';
import { deferVisit } from '../../shared/prioritise/lifecycle';
import { dateOption, UsageError } from '../lib/cli';
import { loadLocalEndpoints } from '../lib/local-env';
import type { VisitCommand } from './command';
import { localToday, reportLifecycle } from './lifecycle-output';

export const defer: VisitCommand = {
  name: 'defer',
  summary: 'put a visit off until a date, with a reason (re-planned from then)',
  usage:
    'VISIT_ID --until YYYY-MM-DD --reason TEXT [--as-of YYYY-MM-DD] [--json]\nThe next programme run plans the visit again from --until. --as-of: the day it is deferred (default today, on the local cloud clock).',
  options: { until: { type: 'string' }, reason: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  async run({ values, positionals }) {
    const until = dateOption(stringOf(values.until), 'until');
    if (!until) throw new UsageError('--until is required: the earliest date the visit may be planned again.');
    const reason = stringOf(values.reason);
    if (reason === undefined) throw new UsageError('--reason is required: why the visit is put off.');
    const asOf = dateOption(stringOf(values['as-of']), 'as-of');
    const { web } = loadLocalEndpoints();
    const today = asOf ?? (await localToday(web));
    const outcome = await deferVisit(visitLifecyclePorts, positionals[0]!, { until, reason, today });
    return reportLifecycle(outcome, values.json === true, 'Deferred');
  },
};

function stringOf(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
