/**
 * The stack's constructs group resources for the reader; they are left out of CloudFormation
 * logical ids, so that the resources keep the ids they had when the stack was one constructor and
 * a deployed stack updates in place. A changed logical id replaces the resource: a new, empty
 * table or bucket (the old one is retained, orphaned), a new link secret (every link already sent
 * stops working), a new API URL, an SES identity to verify again, SNS subscriptions to confirm
 * again. test/infra checks the ids against the ones deployed before.
 */
import { createHash } from 'node:crypto';
import type { IConstruct } from 'constructs';

/** The grouping constructs' ids (VisitsStack's direct children). */
export const GROUPING_IDS = new Set(['DataStore', 'PipelineEvents', 'Web', 'Notifications', 'Functions', 'Monitoring']);

/** A construct's id path below its stack, without the grouping construct it sits in. */
export function ungroupedPath(construct: IConstruct, stack: IConstruct): string[] {
  const scopes = construct.node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  const path = below[0] && GROUPING_IDS.has(below[0].node.id) ? below.slice(1) : below;
  return path.map((s) => s.node.id);
}

/**
 * CDK's own unique id for a path (aws-cdk-lib core/lib/private/uniqueid.ts `makeUniqueId`, which is
 * not exported): the path's alphanumerics with 'Resource' and 'Default' hidden, plus 8 hex digits
 * of the MD5 of the full path.
 */
export function uniqueId(path: readonly string[]): string {
  const components = path.filter((c) => c !== 'Default');
  if (components.length === 0) throw new Error('A unique id needs at least one path component');
  const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
  if (components.length === 1 && alnum(components[0]!).length <= 255) return alnum(components[0]!);
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const c of components) if (human.length === 0 || !human[human.length - 1]!.endsWith(c)) human.push(c);
  return (
    human
      .filter((c) => c !== 'Resource')
      .map(alnum)
      .join('')
      .slice(0, 240) + hash
  );
}
