/**
 * The HMAC key for visit links and unsubscribe links. In AWS: a Secrets Manager secret (ARN in the
 * environment), read once per container. Locally: a file under .local/ made on first use.
 * It is never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsClient } from './clients';
import { optionalEnv } from './config';

let cached: Promise<string> | undefined;

export function loadLinkSecret(): Promise<string> {
  cached ??= (async () => {
    const arn = optionalEnv('linkSecretArn');
    if (arn) {
      const out = await secretsClient().send(new GetSecretValueCommand({ SecretId: arn }));
      if (!out.SecretString) throw new Error('The link secret is empty');
      return out.SecretString;
    }
    const file = optionalEnv('linkSecretFile');
    if (!file) throw new Error('Neither LINK_SECRET_ARN nor LINK_SECRET_FILE is set');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    return readFileSync(file, 'utf8').trim();
  })().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
