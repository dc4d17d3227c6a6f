/**
 * Ofsted's in-year inspection events: the provider file's columns, one row per inspection event
 * (full, interim, monitoring), grouped under "Inspection information". Stored in each provider's
 * inspection history.
 */
import * as z from 'zod/mini';
import '../../zod-english';
import { onFirstUse } from '../../on-first-use';
import type { InspectionEvent } from '../../domain/types';
import { keys } from '../../keys';
import { optional, optionalRegion, optionalText, requiredDate, requiredText } from '../fields';
import { accept, defineKind } from '../kind-spec';
import { judgements, PROVIDER_COLUMNS, providerRow } from './providers';

const INSPECTION_COLUMNS = {
  ...PROVIDER_COLUMNS,
  name: { ...PROVIDER_COLUMNS.name, required: false },
  provisionType: { ...PROVIDER_COLUMNS.provisionType, required: false },
  region: { ...PROVIDER_COLUMNS.region, required: false },
  localAuthority: { ...PROVIDER_COLUMNS.localAuthority, required: false },
  inspectionDate: { name: 'Inspection date', required: true },
  eventType: { ...PROVIDER_COLUMNS.eventType, required: true },
} as const;

const inspectionRow = onFirstUse(() =>
  z.extend(providerRow(), {
    name: optional(optionalText()),
    provisionType: optional(optionalText()),
    localAuthority: optional(optionalText()),
    region: optional(optionalRegion()),
    inspectionDate: requiredDate(),
    eventType: requiredText(),
  }),
);

export const inspections = defineKind({
  title: 'Ofsted in-year inspection events',
  columns: INSPECTION_COLUMNS,
  detection: { rank: 0, groupRow: 'inspection information', recognisedBy: 'Ofsted\'s group row "Inspection information" above the provider columns' },
  schema: inspectionRow,
  toEntity: (r) => {
    const inspectionDate = r.inspectionDate;
    const event: InspectionEvent = {
      urn: r.urn,
      eventNumber: r.eventNumber ?? `${inspectionDate}-${r.eventType.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      eventType: r.eventType,
      inspectionDate,
      ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
      overall: r.overall ?? { kind: 'none' },
      judgements: judgements(r),
    };
    return accept(event);
  },
  items: (e) => [{ ...keys.inspection(e.urn, e.inspectionDate, e.eventNumber), entity: 'inspection', ...e }],
  duplicate: { key: (e) => `${e.urn} event ${e.eventNumber}`, field: 'urn' },
});
