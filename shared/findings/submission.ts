/** The submissions the findings page issues: one upload form each, and what became of its upload. Pure types. */

export const SUBMISSION_STATES = ['waiting', 'received', 'accepted', 'repeat', 'rejected'] as const;
/**
 * - `waiting`: issued with a form, no upload yet; the only state an upload is taken in;
 * - `received`: (shown by the page only) the object is in S3, not yet checked;
 * - `accepted`: it made a new findings version;
 * - `repeat`: its content was identical to the latest version: nothing new stored, no email;
 * - `rejected`: quarantined, with the reasons.
 */
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface SubmissionRecord {
  readonly visitId: string;
  readonly submissionId: string;
  readonly state: SubmissionState;
  /** The inspector the form was issued to. */
  readonly inspector?: string;
  readonly issuedAt?: string;
  readonly reasons?: string[];
  /** The findings version it made (accepted) or repeated (repeat). */
  readonly version?: number;
  /** The object version (or ETag) that used this submission. */
  readonly objectVersion?: string;
}
