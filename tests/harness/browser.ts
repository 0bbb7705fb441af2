import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { requireBinary } from './binaries';
import { sleep } from './demo';

/** Screenshots the browser tests write on every run (not committed). */
export const SCREENSHOTS = join(fileURLToPath(new URL('../..', import.meta.url)), 'data', 'screenshots');

// Never download a browser: the system Chromium, headless, with nothing phoning home.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Debian's Chromium; throws (never skips) when it is missing, so CI cannot pass without it. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = requireBinary('chromium', 'chromium');
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Polls `probe` until it returns a value, failing with `describe()` after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(describe());
    await sleep(250);
  }
}
