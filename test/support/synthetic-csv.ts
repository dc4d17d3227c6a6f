/** A synthetic provider file whose URNs all start with `prefix`, so a test can find exactly its rows. */
import { syntheticProviderCsv as generate } from './synthetic-providers';

export function syntheticProviderCsv(rows: number, prefix: string, seed = 7): string {
  return [...generate(rows, seed)].map((line) => line.replace(/(^|,)SC(\d{7}),/, (_m, lead: string, n: string) => `${lead}${prefix}${n},`)).join('\n') + '\n';
}
