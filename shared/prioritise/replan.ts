/**
 * The re-plan use case: load what prioritisation needs, plan the programme as of a day, write the
 * visits it changed, publish its files, then make it the current programme. A programme whose
 * digest equals the current one is not written again (the same inputs change nothing). The
 * current pointer is written last, so a run cut short is finished by the next one.
 */
import type { IsoDate } from '../domain/types';
import type { Policy } from './policy';
import { buildProgramme, programmeDigest, type PrioritiseInputs, type Programme } from './programme';
import { renderProgrammeFiles, type ProgrammeFile } from './render';
import { isNoSlot } from './triage';
import { visitWrites, type VisitWrite } from './visit-writes';

export interface CurrentProgramme {
  readonly programmeId: string;
  readonly digest: string;
  readonly asOf?: IsoDate;
  readonly computedAt: string;
}

export interface ProgrammeRecord {
  readonly programmeId: string;
  readonly digest: string;
  readonly asOf: IsoDate;
  readonly policyVersion: string;
  readonly seed: number;
  readonly planned: number;
  readonly unplanned: number;
  readonly moved: number;
  readonly added: number;
  readonly dropped: number;
  readonly triage: number;
  readonly noSlot: number;
}

/** What the re-plan needs from storage. */
export interface ProgrammePorts {
  loadInputs(): Promise<PrioritiseInputs>;
  policyInForce(): Promise<Policy>;
  currentProgramme(): Promise<CurrentProgramme | undefined>;
  /** Writes each visit on condition its stored status is still the expected one; lists those that had changed. */
  writeVisits(writes: readonly VisitWrite[]): Promise<{ written: number; conflicts: string[] }>;
  /** The programme's files, under its own id and as the current ones. */
  publish(programmeId: string, files: readonly ProgrammeFile[]): Promise<void>;
  /** The programme's summary record, then the current pointer. */
  recordProgramme(record: ProgrammeRecord): Promise<void>;
}

export interface ReplanResult extends ProgrammeRecord {
  readonly changed: boolean;
  readonly written: number;
  /** Visits that changed under the re-plan (findings, a deferral): the next run takes them up. */
  readonly conflicts: string[];
  /** Kept for callers of the earlier result: the same as dropped. */
  readonly withdrawn: number;
}

export interface ReplanOptions {
  readonly asOf: IsoDate;
  readonly pageSize: number;
}

function recordOf(p: Programme, digest: string): ProgrammeRecord {
  return {
    programmeId: p.programmeId,
    digest,
    asOf: p.asOf,
    policyVersion: p.policyVersion,
    seed: p.seed,
    planned: p.planned.length,
    unplanned: p.unplanned.length,
    moved: p.changes.moved.length,
    added: p.changes.added.length,
    dropped: p.changes.dropped.length,
    triage: p.triage.length,
    noSlot: p.triage.filter(isNoSlot).length,
  };
}

/** Plan as of a day without writing anything (dry runs, what-ifs). */
export async function previewProgramme(ports: Pick<ProgrammePorts, 'loadInputs' | 'policyInForce'>, asOf: IsoDate, policy?: Policy): Promise<Programme> {
  const [inForce, inputs] = await Promise.all([policy ?? ports.policyInForce(), ports.loadInputs()]);
  return buildProgramme(inputs, inForce, asOf);
}

export async function replan(ports: ProgrammePorts, options: ReplanOptions): Promise<{ result: ReplanResult; programme: Programme }> {
  const [policy, inputs, current] = await Promise.all([ports.policyInForce(), ports.loadInputs(), ports.currentProgramme()]);
  const programme = buildProgramme(inputs, policy, options.asOf);
  const digest = programmeDigest(programme);
  const record = recordOf(programme, digest);
  if (current?.digest === digest) {
    return { result: { ...record, moved: 0, added: 0, dropped: 0, changed: false, written: 0, conflicts: [], withdrawn: 0 }, programme };
  }
  const { written, conflicts } = await ports.writeVisits(visitWrites(programme, inputs.visits, policy));
  await ports.publish(programme.programmeId, renderProgrammeFiles(programme, policy, { pageSize: options.pageSize }));
  await ports.recordProgramme(record);
  return { result: { ...record, changed: true, written, conflicts, withdrawn: record.dropped }, programme };
}
