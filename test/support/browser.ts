/** Debian's Chromium, installed by scripts/ensure-system-deps.sh, driven by playwright-core. */
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p))) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found. Run scripts/ensure-system-deps.sh chromium (installs Debian chromium) or set CHROMIUM_PATH.');
}
