/**
 * In-memory publication storage for unit tests of the use cases: the same conditional-write rules
 * as shared/aws/publication-store.ts (a publication is saved only on the seq it was read at; a
 * findings version only if its number is free; a submission only while waiting), in Maps.
 */
import { holidaySet, shippedBankHolidays } from '../../shared/domain/calendar';
import type { Visit, VisitStatus } from '../../shared/domain/types';
import type { FindingsVersion } from '../../shared/findings/schema';
import type { SubmissionRecord } from '../../shared/findings/submission';
import type { Publication } from '../../shared/publication/lifecycle';
import type { PublicationChanged, PublicationPorts, WithPublication } from '../../shared/publication/ports';
import type { FactualAccuracyComment } from '../../shared/publication/records';

export class MemoryPublicationStore implements PublicationPorts {
  readonly publications = new Map<string, Publication>();
  readonly versions = new Map<string, FindingsVersion>();
  readonly submissions = new Map<string, SubmissionRecord>();
  readonly comments = new Map<string, FactualAccuracyComment>();
  readonly visitStatus = new Map<string, VisitStatus>();
  readonly visits = new Map<string, Visit>();
  readonly announced: PublicationChanged[] = [];
  now = new Date('2020-09-14T10:00:00Z');

  async getPublication(visitId: string) {
    return this.publications.get(visitId);
  }

  async savePublication(next: Publication, expectedSeq: number, extras: readonly WithPublication[]): Promise<'saved' | 'conflict'> {
    const current = this.publications.get(next.visitId);
    if ((current?.seq ?? 0) !== expectedSeq || (expectedSeq === 0 && current)) return 'conflict';
    for (const x of extras) {
      if (x.kind === 'findings-version' && this.versions.has(`${x.version.visitId}#${x.version.version}`)) return 'conflict';
      if (x.kind === 'submission-accepted' && this.submissions.get(`${x.visitId}#${x.submissionId}`)?.state !== 'waiting') return 'conflict';
    }
    this.publications.set(next.visitId, next);
    for (const x of extras) {
      if (x.kind === 'findings-version') this.versions.set(`${x.version.visitId}#${x.version.version}`, x.version);
      if (x.kind === 'submission-accepted')
        this.submissions.set(`${x.visitId}#${x.submissionId}`, {
          visitId: x.visitId,
          submissionId: x.submissionId,
          state: 'accepted',
          inspector: x.inspector,
          version: x.version,
          objectVersion: x.objectVersion,
        });
      if (x.kind === 'comment') this.comments.set(`${x.comment.visitId}#${x.comment.commentId}`, x.comment);
      if (x.kind === 'visit-status') this.visitStatus.set(x.visitId, x.status);
    }
    return 'saved';
  }

  async announce(change: PublicationChanged) {
    this.announced.push(change);
  }

  async settings() {
    return { now: this.now.toISOString(), holidays: holidaySet(shippedBankHolidays()), factualAccuracyWorkingDays: 5, publishWorkingDaysAfterWindow: 1 };
  }

  latest(visitId: string): FindingsVersion | undefined {
    return [...this.versions.values()].filter((v) => v.visitId === visitId).sort((a, b) => b.version - a.version)[0];
  }

  issue(visitId: string, submissionId: string, inspector: string): void {
    this.submissions.set(`${visitId}#${submissionId}`, { visitId, submissionId, state: 'waiting', inspector });
  }
}
