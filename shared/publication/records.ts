/** What the publication side keeps besides the lifecycle itself. Pure types. */
import type { IsoInstant } from '../domain/types';

/** A factual accuracy comment on one section of the draft public report, and the reviewer's answer. */
export interface FactualAccuracyComment {
  readonly visitId: string;
  /** Sortable: the time it was made, then a random part. */
  readonly commentId: string;
  /** The findings version the draft was made from. */
  readonly version: number;
  /** Section id (see shared/reports/sections.ts). */
  readonly section: string;
  readonly sectionHeading: string;
  readonly text: string;
  /** The contact's email address. */
  readonly by: string;
  readonly at: IsoInstant;
  readonly decision?: {
    readonly accepted: boolean;
    readonly reason: string;
    readonly by: string;
    readonly at: IsoInstant;
    /** When accepted with corrected text: the findings version that carries it. */
    readonly newVersion?: number;
  };
}

export type EditionKind = 'publication' | 'amendment' | 'withdrawal';

/** One public edition of a visit's report: the record the index, the digest and the notices read. */
export interface ReportEdition {
  readonly visitId: string;
  readonly edition: number;
  readonly kind: EditionKind;
  /** The findings version the text came from. */
  readonly version: number;
  readonly title: string;
  /** The name the public report uses (a children's home: its type and URN). */
  readonly targetName: string;
  readonly urn?: string;
  readonly localAuthority: string;
  readonly region: string;
  /** First publication. */
  readonly publishedAt: IsoInstant;
  /** This edition. */
  readonly at: IsoInstant;
  /** Public keys (the stable report folder); a withdrawal has only the notice page. */
  readonly htmlKey: string;
  readonly pdfKey?: string;
  /** For commissioners' digests only (restricted: never on the index). */
  readonly seriousConcerns: boolean;
  /** The amendment note (public) on an amendment. */
  readonly note?: string;
}

/** Someone emailed a visit's report: told when it is amended or withdrawn. */
export interface ReportRecipient {
  readonly visitId: string;
  readonly email: string;
  readonly commissionerId?: string;
  readonly name?: string;
  readonly at: IsoInstant;
}
