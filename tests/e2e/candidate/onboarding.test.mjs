// Signing up, the first-time walkthrough (skippable at any step, shown once per user),
// signing out and in again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD } from '../lib/engine.mjs';
import { engineAndBrowser } from '../lib/suite.mjs';
import { openContext, screenshot, watchPage } from '../lib/browser.mjs';

const env = engineAndBrowser();

test('A new candidate signs up, skips the walkthrough at step 2, and never sees it again', async () => {
  const context = await openContext(env);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshot(page, 'login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();

  // The form says what is wrong, next to the field, before anything is sent.
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Use at least 8 characters.').waitFor();
  await screenshot(page, 'signup-errors');

  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.getByRole('heading', { name: 'Welcome to Mockroom' }).waitFor();
  await page.getByText('Hi Grace.').waitFor();
  await screenshot(page, 'walkthrough-1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'How an interview works' }).waitFor();
  await screenshot(page, 'walkthrough-2');
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('heading', { name: 'Welcome, Grace' }).waitFor();

  // Stored on the server: a fresh sign-in (another device, say) goes straight on.
  const token = await env.engine.login('grace@example.com');
  const onboarding = (await env.engine.request('GET', '/api/me/profile', { token })).body;
  assert.deepEqual({ seen: onboarding.walkthrough.seen, outcome: onboarding.walkthrough.outcome, step: onboarding.walkthrough.step },
    { seen: true, outcome: 'skipped', step: 2 });
  await page.reload();
  await page.getByRole('heading', { name: 'Welcome, Grace' }).waitFor();
  await screenshot(page, 'dashboard-new');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // The session cookie is gone and its token revoked: the API refuses it.
  assert.equal((await context.cookies()).filter((c) => c.name === 'mockroom_token').length, 0);
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Welcome, Grace' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('A candidate who reads the walkthrough to the end has it recorded as completed', async () => {
  const user = await env.engine.createUser({ name: 'Alan Turing', walkthroughSeen: false });
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto('/history');
  await page.getByRole('heading', { name: 'Welcome to Mockroom' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Your feedback report' }).waitFor();
  await screenshot(page, 'walkthrough-3');
  await page.getByRole('button', { name: 'Start practising' }).click();
  // Back to the page the candidate asked for.
  await page.getByRole('heading', { name: 'Your interviews' }).waitFor();
  const onboarding = (await env.engine.request('GET', '/api/me/profile', { token: user.token })).body;
  assert.equal(onboarding.walkthrough.outcome, 'completed');
  await context.close();
});

test('A wrong password is explained in plain words and nothing else changes', async () => {
  const user = await env.engine.createUser();
  const context = await openContext(env);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('That email and password do not match an account.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  await context.close();
});

test('The goals a candidate saves set up their next interview', async () => {
  const user = await env.engine.createUser({ name: 'Margaret Hamilton' });
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Set your goals' }).click();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.getByLabel('Role you are preparing for').fill('Platform engineer');
  await page.getByLabel('Level').selectOption('staff');
  await page.getByLabel('Target companies').fill('Amazon, Stripe');
  await page.getByRole('checkbox', { name: 'System design' }).check();
  await page.getByRole('radio', { name: 'Within a month' }).check();
  await page.getByRole('button', { name: 'Save goals' }).click();
  await page.getByText('Saved. New interviews start from these goals.').waitFor();
  await screenshot(page, 'profile');

  const saved = (await env.engine.request('GET', '/api/me/profile', { token: user.token })).body.profile;
  assert.equal(saved.role, 'Platform engineer');
  assert.deepEqual(saved.targetCompanies, ['Amazon', 'Stripe']);
  assert.deepEqual(saved.weakAreas, ['System design']);
  assert.equal(saved.interviewTimeline, 'within_a_month');

  await page.getByRole('link', { name: 'New interview' }).click();
  await page.getByRole('radio', { name: /Behavioral interview/ }).check();
  assert.equal(await page.getByLabel('Level').inputValue(), 'staff');
  assert.equal(await page.getByLabel('Role you are preparing for').inputValue(), 'Platform engineer');
  assert.equal(await page.getByLabel('Company style').inputValue(), 'amazon-style');
  await context.close();
});
