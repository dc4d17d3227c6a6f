/** What the publication use cases need from storage and messaging (implemented in shared/aws/). */
import type { VisitStatus } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import type { LifecycleSettings, Publication, PublicationAction } from './lifecycle';
import type { FactualAccuracyComment } from './records';

/** What else is written with a publication change, all or nothing. */
export type WithPublication =
  | { readonly kind: 'findings-version'; readonly version: FindingsVersion }
  /** The issued submission that made a version: only if it is still waiting (one use per submission id). */
  | {
      readonly kind: 'submission-accepted';
      readonly visitId: string;
      readonly submissionId: string;
      readonly inspector: string;
      readonly version: number;
      readonly objectVersion?: string;
    }
  | { readonly kind: 'comment'; readonly comment: FactualAccuracyComment }
  | { readonly kind: 'visit-status'; readonly visitId: string; readonly status: VisitStatus; readonly visitedOn?: string };

/** The event every change announces (EventBridge `PublicationChanged`): the worker does what follows from it. */
export interface PublicationChanged {
  readonly visitId: string;
  readonly seq: number;
  readonly action: PublicationAction;
}

export interface PublicationPorts {
  getPublication(visitId: string): Promise<Publication | undefined>;
  /** Conditional on `expectedSeq` (0: the publication must not exist yet), with the extras in the same transaction. */
  savePublication(next: Publication, expectedSeq: number, extras: readonly WithPublication[]): Promise<'saved' | 'conflict'>;
  announce(change: PublicationChanged): Promise<void>;
  /** Now, the bank holidays and the policy's publication settings. */
  settings(): Promise<LifecycleSettings>;
}
