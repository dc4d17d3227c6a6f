/**
 * Resource names and settings a function reads from its environment. The names of the variables
 * are declared once in infra/catalogue.ts; the CDK stack and the local stand-in both set them.
 */
import { env } from '../../infra/catalogue';

export type EnvKey = keyof typeof env;

export function requireEnv(key: EnvKey): string {
  const name = env[key];
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set: the stack or the local stand-in must set it`);
  return value;
}

export function optionalEnv(key: EnvKey): string | undefined {
  return process.env[env[key]] || undefined;
}
