// On a phone-sized screen every main page fits the width (no sideways scrolling) and an
// interview can be answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAndBrowser } from '../lib/suite.mjs';
import { MOBILE, openContext, screenshot } from '../lib/browser.mjs';
import { answer, STAR_ANSWERS } from './room.mjs';

const env = engineAndBrowser();

async function fitsWidth(page, what) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${what} is ${scroll}px wide on a ${width}px screen`);
}

test('On a phone the main pages fit the screen and an interview can be answered', async () => {
  const user = await env.engine.createUser({ name: 'Radia Perlman' });
  const finished = await env.engine.runInterview(user);
  const context = await openContext(env, user, MOBILE);
  const page = await context.newPage();

  for (const [name, path, heading] of [
    ['mobile-dashboard', '/', 'Welcome, Radia'],
    ['mobile-setup', '/new', 'Set up an interview'],
    ['mobile-history', '/history', 'Your interviews'],
    ['mobile-progress', '/progress', 'Your progress'],
  ]) {
    await page.goto(path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await fitsWidth(page, name);
    await screenshot(page, name);
  }

  await page.goto(`/interview/${finished}/report`);
  await page.getByRole('img', { name: /Overall score/ }).waitFor();
  await fitsWidth(page, 'the report');
  await screenshot(page, 'mobile-report');

  await page.goto('/new');
  await page.getByRole('button', { name: 'Start behavioral interview' }).tap();
  await page.locator('.question-card').waitFor();
  await fitsWidth(page, 'the room');
  const box = await page.getByLabel('Your answer').boundingBox();
  assert.ok(box.width >= 300, `the answer box is ${box.width}px wide`);
  await answer(page, STAR_ANSWERS[0]);
  await screenshot(page, 'mobile-room', { fullPage: false });
  await context.close();
});
