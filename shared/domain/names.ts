/** How a provider is named to people: Ofsted publishes children's homes' names as REDACTED. */
import type { Provider } from './types';

export function providerDisplayName(p: Pick<Provider, 'name' | 'provisionType' | 'urn'>): string {
  return p.name.trim().toUpperCase() === 'REDACTED' || p.name.trim() === '' ? `${p.provisionType} (URN ${p.urn})` : p.name;
}
