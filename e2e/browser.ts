import { existsSync } from 'node:fs';

/**
 * Debian's Chromium where it exists (this machine kind cannot download Playwright's own);
 * MITOSIS_CHROMIUM overrides; otherwise Playwright's bundled Chromium.
 */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.MITOSIS_CHROMIUM;
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
];
