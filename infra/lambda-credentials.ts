/**
 * The AWS SDK's default credential provider, as bundled into each Lambda function (infra/bundling.ts
 * aliases `@aws-sdk/credential-provider-node` to this file). Lambda always puts the function role's
 * credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so
 * the rest of the chain (SSO, INI files, process, web identity, container and instance metadata)
 * would be code loaded at every cold start and never used. Scripts and the local cloud are not
 * bundled and keep the SDK's full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
