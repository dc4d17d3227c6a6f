/** How each imported entity is stored: its table items, with keys from shared/keys.ts. */
import { keys } from '../keys';
import type { ImportEntity } from './parse-import';

export type TableItem = Record<string, unknown>;

export function entityItems(e: ImportEntity): TableItem[] {
  switch (e.kind) {
    case 'provider': {
      const p = e.provider;
      const openIndex = p.status === 'open' ? keys.openProvider(p.urn, p.snapshotId) : {};
      const items: TableItem[] = [{ ...keys.provider(p.urn), ...keys.providerByLa(p.localAuthority, p.urn), ...openIndex, entity: 'provider', ...p }];
      // The snapshot's latest full inspection is also an event in the provider's history.
      const last = p.latestFullInspection;
      if (last) items.push({ ...keys.inspection(p.urn, last.inspectionDate, last.eventNumber), entity: 'inspection', ...last });
      return items;
    }
    case 'inspection':
      return [{ ...keys.inspection(e.event.urn, e.event.inspectionDate, e.event.eventNumber), entity: 'inspection', ...e.event }];
    case 'la-outcome':
      return [{ ...keys.laOutcome(e.outcome.localAuthority), entity: 'la-outcome', ...e.outcome }];
    case 'intelligence':
      return [{ ...keys.signal(e.signal, e.signal.date, e.signal.signalId), entity: 'signal', ...e.signal }];
    case 'commissioner':
      return [{ ...keys.commissioner(e.commissioner.commissionerId), entity: 'commissioner', ...e.commissioner }];
  }
}
