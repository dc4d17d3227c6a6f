import type { VisitCommand } from './command';
import { visitContext } from './context';

export const status: VisitCommand = {
  name: 'status',
  summary: "where the visit's findings are: state, version, history and public links",
  usage: 'VISIT_ID [--json]\nWith --json, one object: { visitId, state, version, history: [{ state, at, by, reason }], public: { html, pdf } | null }.',
  options: { json: { type: 'boolean' } },
  positionals: { names: ['VISIT_ID'], required: 1 },
  run: async ({ values, positionals }) => (await visitContext(positionals[0]!)).show(values.json === true),
};
