import { execFileSync, spawn } from 'node:child_process';
import { chromiumPath } from '../e2e/browser';

/** The Chromium the bench drives, as it names itself. */
export function browserVersion(): string {
  const path = chromiumPath();
  try {
    return path ? execFileSync(path, ['--version']).toString().trim() : "Playwright's Chromium";
  } catch {
    return 'unknown';
  }
}

/** Resolves once `url` answers, polling every 200 ms for up to 30 s. */
export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server did not start at ${url}`);
}

/** Builds the app into dist/, as the scripts that serve it do unless told --no-build. */
export function buildApp(): void {
  execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
}

/** The built app (dist/) served by `vite preview` on `port`, once it answers; `stop` ends the server. */
export async function servePreview(port: number): Promise<{ url: string; stop(): void }> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const stop = () => process.kill(-server.pid!);
  const url = `http://localhost:${port}/`;
  await waitForServer(url).catch((err: unknown) => {
    stop();
    throw err;
  });
  return { url, stop };
}
