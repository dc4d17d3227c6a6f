/**
 * Every kind of import file, by name. Adding a kind is one file beside this one (its columns,
 * detection, row schema, entity, items and duplicate key: see kind-spec.ts) and one line here,
 * plus its section in docs/data-formats.md and its tests.
 */
import type { ImportKindSpec, TableItem } from '../kind-spec';
import { commissioners } from './commissioners';
import { contacts } from './contacts';
import { inspections } from './inspections';
import { intelligence } from './intelligence';
import { laOutcomes } from './la-outcomes';
import { providers } from './providers';
import { reviewers } from './reviewers';

const KINDS = {
  providers,
  inspections,
  'la-outcomes': laOutcomes,
  intelligence,
  commissioners,
  contacts,
  reviewers,
};

export type ImportKind = keyof typeof KINDS;

/** The entity each kind's rows become. */
export type EntityOf<K extends ImportKind> = K extends ImportKind ? ((typeof KINDS)[K] extends ImportKindSpec<infer E> ? E : never) : never;

/** Typed so that `IMPORT_KINDS[k]` and `EntityOf<k>` go together for any kind `k`. */
export const IMPORT_KINDS: { readonly [K in ImportKind]: ImportKindSpec<EntityOf<K>> } = KINDS;

export const IMPORT_KIND_NAMES = Object.keys(KINDS) as ImportKind[];

/** One accepted row: its kind and its entity. */
export type ImportEntity = { [K in ImportKind]: { readonly kind: K; readonly entity: EntityOf<K> } }[ImportKind];

/** How an imported entity is stored: its table items, with keys from shared/keys.ts. */
export function entityItems<K extends ImportKind>(e: { readonly kind: K; readonly entity: EntityOf<K> }): TableItem[] {
  return IMPORT_KINDS[e.kind].items(e.entity);
}

/** The provider URN an imported entity refers to, for kinds whose rows refer to one. */
export function providerReferenceOf<K extends ImportKind>(e: { readonly kind: K; readonly entity: EntityOf<K> }): string | undefined {
  return IMPORT_KINDS[e.kind].providerReference?.(e.entity);
}
