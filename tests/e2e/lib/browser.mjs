// Debian's Chromium driven by playwright-core (never a downloaded browser), signed-in
// pages, screenshots into test-artifacts/, and waits the tests share.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO } from './engine.mjs';

export const CHROMIUM = process.env.MOCKROOM_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google's hosts,
// which this machine's closed network refuses.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const ARTIFACTS = process.env.MOCKROOM_ARTIFACTS || join(REPO, 'test-artifacts', 'e2e');

export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// fakeMicrophone: a WAV file that Chromium plays as the microphone (once), with the
// permission prompt answered yes, for voice tests.
export async function launchBrowser({ fakeMicrophone } = {}) {
  const args = [...FLAGS];
  if (fakeMicrophone) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${fakeMicrophone}%noloop`, '--autoplay-policy=no-user-gesture-required');
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

// A browser context on `engine` in `browser` (as engineAndBrowser() gives them), signed in
// as `user` (its session cookie set) when given.
export async function openContext({ browser, engine }, user, options = DESKTOP) {
  const context = await browser.newContext({ ...options, baseURL: engine.baseUrl });
  if (user) {
    await context.addCookies([{ name: 'mockroom_token', value: user.token, url: engine.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  context.setDefaultTimeout(15000);
  return context;
}

// Collects what should never happen on a page: uncaught errors, console errors and server
// errors (5xx). Expected 4xx answers (401 before sign-in, 404 for no resume yet, 409 while
// a report is made) are the app's business: Chromium logs each as "Failed to load
// resource", which is left out.
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} from ${r.url()}`); });
  return problems;
}

// fullPage captures from the top: taken while scrolled, Chromium draws sticky bars where
// the scroll left them, over the middle of the page.
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
