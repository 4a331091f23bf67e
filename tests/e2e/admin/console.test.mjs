// The admin console's main pages in Chromium, against the real engine: sign-in by role,
// providers, the question bank with an import preview, rubrics, the script editor,
// users and entitlements, tiers, the audit log and analytics. Screenshots go to
// test-artifacts/e2e/admin-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeViolations, seriousViolations } from '../lib/axe.mjs';
import { openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { PASSWORD } from '../lib/engine.mjs';
import { engineAndBrowser } from '../lib/suite.mjs';

const env = engineAndBrowser();
let root;

// A console page signed in as `user` (its session cookie set), showing the console's nav.
async function signedIn(user) {
  const context = await openContext(env, user, { viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.problems = watchPage(page);
  await page.goto('/admin/');
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
  return page;
}

async function done(page) {
  assert.deepEqual(page.problems, []);
  await page.context().close();
}

async function shot(page, name) {
  await screenshot(page, `admin-${name}`);
}

test('an admin signs in with the form; a candidate is told the console is not for them', async () => {
  root = await env.engine.createUser({ role: 'admin', name: 'Root Admin', email: 'root@example.com' });
  for (const [user, expect] of [[root, 'Audit log'], [await env.engine.createUser({ email: 'cand@example.com' }),
                                                     'your account is a candidate account']]) {
    const context = await openContext(env);
    const page = await context.newPage();
    await page.goto('/admin/');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(expect).first().waitFor();
    await context.close();
  }
});

test('the providers page shows every plugin with its health and applies a provider', async () => {
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Providers' }).click();
  const rules = page.locator('tr[data-plugin="llm_rules"]');
  await rules.waitFor();
  assert.match(await rules.textContent(), /active/);
  assert.match(await page.locator('tr[data-plugin="llm_openai"]').textContent(), /inactive/);
  const scorer = page.getByRole('form', { name: 'scorer provider' });
  await scorer.getByRole('button', { name: 'Apply now' }).click();
  await page.getByText('scorer now uses scoring_rubric').waitFor();
  await shot(page, 'providers');
  await done(page);
});

test('the question bank searches, previews an import row by row and imports the good rows', async () => {
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Question bank' }).click();
  await page.getByLabel('Search').fill('hash map');
  await page.getByText(/\d+ questions/).waitFor();
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Or paste').fill(
    'id,kind,text,levels\n' +
      'e2e-1,technical,What does a write-ahead log buy you?,mid\n' +
      'e2e-2,riddle,Bad kind,mid\n');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('table.preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /'kind' must be/);
  await page.getByText('1 invalid').waitFor();
  await page.getByLabel('Skip invalid rows').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('1 saved').waitFor();
  await shot(page, 'questions-import');
  await page.getByLabel('Search').fill('write-ahead');
  await page.getByRole('button', { name: 'e2e-1' }).click();
  await page.getByRole('region', { name: 'question editor' }).waitFor();
  await shot(page, 'question-editor');
  await done(page);
});

test('the rubric editor keeps weights at 100 percent and tries the rubric on a sample answer', async () => {
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Rubrics' }).click();
  await page.getByRole('button', { name: 'Behavioral interview' }).click();
  const weight = page.getByLabel('Communication weight');
  await weight.fill('40');
  await page.getByText('Assessed weights sum to 110 % — they must sum to 100 %').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save as a new version' }).isDisabled(), true);
  await weight.fill('30');
  await page.getByLabel('Communication strong').fill('Crisp, structured answers that are easy to follow.');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByText('Saved version 1').waitFor();
  await page.getByLabel('Answer', { exact: true }).fill(
    'I disagreed with my manager about a launch date. I brought data on open defects, we agreed to ship two weeks later, and escaped bugs fell by half.');
  await page.getByRole('button', { name: 'Score it' }).click();
  await page.getByText(/\/ 100 —/).waitFor();
  await shot(page, 'rubrics');
  await done(page);
});

// Replaces the editor's whole text (CodeMirror: select all, then insert).
async function setScript(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

const SCRIPT = `interview {
  id = "e2e_format", title = "E2E interview", kind = "behavioral", minutes = 20,
  rubric = "behavioral",
  options = { questionCount = options.questions(2, 1, 3) },
}

function run(ctx)
  greet(ctx, { "Hi %s, two questions." })
  plan_questions(ctx.questionCount)
  discuss_all(pick(ctx, { kind = "behavioral", count = ctx.questionCount }))
  return close()
end
`;

test('the script editor marks problems at their lines, rehearses and publishes a version', { timeout: 180000 }, async () => {
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Scripts' }).click();
  await page.getByRole('button', { name: 'New script' }).click();
  await page.locator('.cm-content').waitFor();
  await setScript(page, SCRIPT.replace('greet(ctx', 'greeet(ctx'));
  await page.getByRole('button', { name: 'Validate' }).click();
  const problems = page.getByRole('list', { name: 'problems' });
  await problems.waitFor();
  assert.match(await problems.textContent(), /line 8: undeclared global 'greeet'/);
  await page.locator('.cm-lintRange-error').first().waitFor();  // marked in the editor, at the line
  await shot(page, 'script-problem');
  await setScript(page, SCRIPT);
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.getByText('is ready to publish').waitFor();
  await page.getByRole('button', { name: 'Rehearse' }).click();
  await page.getByLabel('rehearsal transcript').waitFor({ timeout: 60000 });
  assert.match(await page.getByLabel('rehearsal transcript').textContent(), /completed/);
  await page.getByRole('button', { name: 'Publish e2e_format' }).click();
  await page.getByText(/Published e2e_format version/).waitFor();
  await shot(page, 'script-published');
  await done(page);
});

test('users get roles and entitlements; tiers are edited; the audit log shows every change', { timeout: 120000 }, async () => {
  await env.engine.createUser({ email: 'coach@example.com', name: 'Casey Coach' });
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Users & entitlements' }).click();
  await page.getByLabel('role of coach@example.com').selectOption('coach');
  await page.getByText('coach@example.com is now coach.').waitFor();
  await page.locator('tr[data-user="coach@example.com"]').getByRole('button', { name: 'Entitlements' }).click();
  await page.getByLabel('Grant tier').selectOption('credit_3');
  await page.getByRole('button', { name: 'Grant' }).click();
  await page.getByText('0 / 3').waitFor();
  await shot(page, 'users');

  await page.getByRole('link', { name: 'Pricing tiers' }).click();
  await page.locator('tr[data-tier="free"]').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Interviews a week').fill('2');
  await page.getByRole('button', { name: 'Save free' }).click();
  await page.getByText('Saved.').waitFor();
  await shot(page, 'tiers');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByText('user.role').first().waitFor();
  const log = await page.locator('table').textContent();
  for (const action of ['tier.update', 'entitlement.grant', 'user.role', 'format.publish', 'rubric.save', 'question.import']) {
    assert.match(log, new RegExp(action.replace('.', '\\.')));
  }
  await shot(page, 'audit');
  await done(page);
});

test('a coach sees only the authoring pages', async () => {
  const coach = await env.engine.createUser({ role: 'coach', name: 'Cora Coach' });
  const page = await signedIn(coach);
  const nav = await page.getByRole('navigation', { name: 'Console' }).textContent();
  assert.match(nav, /Question bank/);
  assert.match(nav, /Scripts/);
  assert.doesNotMatch(nav, /Providers|Pricing tiers|Audit log|Analytics/);
  await done(page);
});

test('analytics shows the figures and weekly charts and exports CSV', { timeout: 120000 }, async () => {
  const ada = await env.engine.createUser({ name: 'Ada' });
  const id = await env.engine.runInterview(ada);
  const rated = await env.engine.request('POST', `/api/interviews/${id}/rating`, {
    token: ada.token, body: { realism: 4, easeOfUse: 5, feedbackHelpfulness: 4, overallSatisfaction: 4 } });
  assert.equal(rated.status, 201);
  const page = await signedIn(root);
  await page.getByRole('link', { name: 'Analytics' }).click();
  await page.getByLabel('Sessions per week').waitFor();
  assert.equal(await page.locator('.uplot').count(), 6);
  await page.getByText('4 / 5').waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export weeks (CSV)' }).click()]);
  assert.equal(file.suggestedFilename(), 'mockroom-weeks.csv');
  await shot(page, 'analytics');
  await done(page);
});

test('every console page passes axe-core WCAG A/AA with no serious or critical violations', { timeout: 180000 }, async () => {
  const page = await signedIn(root);
  const failures = [];
  for (const name of ['Analytics', 'Providers', 'Question bank', 'Rubrics', 'Scripts', 'Users & entitlements',
                      'Pricing tiers', 'Audit log']) {
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.waitForLoadState('networkidle');
    const violations = await seriousViolations(page);
    if (violations.length) failures.push(`${name}:\n${describeViolations(violations)}`);
  }
  assert.equal(failures.join('\n\n'), '');
  await done(page);
});
