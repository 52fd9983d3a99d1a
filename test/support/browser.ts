import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (.ci/run installs it); CHROMIUM_PATH points elsewhere. The browser tests fail, not skip, without it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium for the browser tests, without the background traffic a fresh profile starts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
