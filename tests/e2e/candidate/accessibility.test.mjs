// Every main page passes axe-core's WCAG A/AA rules with no serious or critical
// violation, and the room works from the keyboard alone.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openContext } from '../lib/browser.mjs';
import { engineAndBrowser } from '../lib/suite.mjs';
import { describeViolations, seriousViolations } from '../lib/axe.mjs';
import { waitForQuestion } from './room.mjs';

const env = engineAndBrowser();
let user;
let finished;
let live;
let coding;

before(async () => {
  const { engine } = await env.ready;
  user = await engine.createUser({ name: 'Frances Allen' });
  finished = await engine.runInterview(user);
  live = (await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral' } })).body.id;
  coding = (await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'coding', questionCount: 1 } })).body.id;
});

async function scan(page, what) {
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
}

const SIGNED_IN_PAGES = [
  ['dashboard', '/', 'Welcome, Frances'],
  ['setup', '/new', 'Set up an interview'],
  ['history', '/history', 'Your interviews'],
  ['progress', '/progress', 'Your progress'],
  ['profile', '/profile', 'Your profile'],
  ['weekend prep', '/packages', 'Weekend prep'],
];

test('The sign-in and sign-up pages have no serious accessibility violations', async () => {
  const context = await openContext(env);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await scan(page, 'sign in');
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();  // with its error messages showing
  await page.getByText('Use at least 8 characters.').waitFor();
  await scan(page, 'sign up');
  await context.close();
});

test('The walkthrough has no serious accessibility violations', async () => {
  const newcomer = await env.engine.createUser({ walkthroughSeen: false });
  const context = await openContext(env, newcomer);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Welcome to Mockroom' }).waitFor();
  await scan(page, 'walkthrough');
  await context.close();
});

test('The signed-in pages have no serious accessibility violations', async () => {
  const context = await openContext(env, user);
  const page = await context.newPage();
  for (const [name, path, heading] of SIGNED_IN_PAGES) {
    await page.goto(path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await scan(page, name);
  }
  await context.close();
});

test('The interview room, a coding room and the report have no serious accessibility violations', async () => {
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto(`/interview/${live}`);
  await waitForQuestion(page);
  await scan(page, 'interview room');
  await page.goto(`/interview/${coding}`);
  await page.locator('.cm-content').waitFor();
  await scan(page, 'coding room');
  await page.goto(`/interview/${finished}/report`);
  await page.getByRole('img', { name: /Overall score/ }).waitFor();
  await scan(page, 'report');
  await context.close();
});

test('The room works from the keyboard: skip link, answer, and ending with a dialog that Escape closes', async () => {
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto(`/interview/${live}`);
  await waitForQuestion(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

  // Tab to the answer box, type, and send with Ctrl+Enter.
  for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement.tagName === 'TEXTAREA')); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent), 'Your answer');
  const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusRing, 'none', 'the focused answer box shows a focus ring');
  await page.keyboard.type('I am a data engineer with five years of experience in Python and SQL.');
  await page.keyboard.press('Control+Enter');
  await page.locator('.chat .candidate').first().waitFor();

  const end = page.getByRole('button', { name: 'End interview' });
  await end.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'End the interview now?' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep going');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'End interview');
  await context.close();
});
