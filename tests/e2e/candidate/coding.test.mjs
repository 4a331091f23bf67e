// A coding question in the browser: the problem and the editor, Run with custom input,
// Submit against the hidden tests (wrong, then right), and the report's Coding scores.
// With no working sandbox (no bubblewrap or user namespaces) the runner cannot start: the
// first case is then skipped with the reason, and the second checks what a candidate sees
// then, on an engine whose runner is made unavailable on purpose.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, startEngine } from '../lib/engine.mjs';
import { launchBrowser, openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { answer, answerUntilFinished, answerUntilStep, waitForQuestion } from './room.mjs';

let browser;

before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

function bankProblems() {
  return ['coding_core', 'coding_advanced'].flatMap((bank) =>
    JSON.parse(readFileSync(join(REPO, 'interviews/banks', `${bank}.json`), 'utf8')).questions);
}

// Replaces the editor's whole text as a person pasting would.
async function setEditorCode(page, code) {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function startCoding(engine, user) {
  const r = await engine.request('POST', '/api/interviews', {
    token: user.token, body: { format: 'coding', questionCount: 1, language: 'python', difficulty: 'easy' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

test('Run shows the output for custom input and Submit checks the hidden tests', async (t) => {
  const engine = await startEngine();
  try {
    const health = (await engine.request('GET', '/api/health')).body;
    if (!health.providers.runner) {
      t.skip(`the code runner could not start on this machine: ${engine.log.match(/runner[^\n]*/i)?.[0] || 'see the engine log'}`);
      return;
    }
    const user = await engine.createUser({ name: 'Barbara Liskov' });
    const id = await startCoding(engine, user);
    const context = await openContext({ browser, engine }, user);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`/interview/${id}`);

    const title = (await page.locator('#code-heading').textContent()).trim();
    const problem = bankProblems().find((q) => q.title === title);
    assert.ok(problem, `no bank problem titled ${title}`);
    await page.locator('.cm-content').getByText('def ', { exact: false }).first().waitFor();
    await answerUntilStep(page, 'Implementation',
      'Can the input be empty? I will scan once and keep the best value so far, which is O(n) time and O(1) space.');

    // Run the starter code on the first example.
    await page.getByLabel('Custom input for Run').fill(problem.examples[0].input);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.output').getByText(/Result:/).waitFor();
    await page.getByRole('status').filter({ hasText: /Run finished/ }).waitFor();

    // The starter is not a solution: Submit says so, test by test.
    await page.getByRole('button', { name: 'Submit' }).click();
    const verdict = page.locator('.alert', { hasText: 'hidden tests passed' });
    await verdict.waitFor();
    assert.doesNotMatch(await verdict.textContent(), /^Accepted/);
    assert.ok(await page.locator('.tests li.fail').count() > 0);

    // The reference solution passes every hidden test.
    await setEditorCode(page, problem.reference.source);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.alert.success', { hasText: 'Accepted' }).waitFor({ timeout: 30000 });
    const passed = await page.locator('.tests li.pass').count();
    assert.equal(await page.locator('.tests li.fail').count(), 0);
    assert.ok(passed > 0);
    await screenshot(page, 'room-coding');

    await answerUntilFinished(page, ['It keeps the lowest price so far and the best gain, so it is O(n) time and O(1) space; I tested an empty gain and a falling series.']);
    await page.getByRole('link', { name: 'See your report' }).click();
    await page.getByRole('heading', { name: 'Coding', exact: true }).waitFor();
    const correctness = page.locator('table.data tr', { hasText: 'Correctness' });
    assert.match(await correctness.textContent(), /100/);
    await screenshot(page, 'report-coding');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await engine.stop();
  }
});

test('Without a code runner the room says so plainly and the code still reaches the interviewer', async () => {
  const engine = await startEngine({ config: { plugins: { runner: { use: 'runner_sandbox', config: { bwrapPath: '/nonexistent/bwrap' } } } } });
  try {
    assert.equal((await engine.request('GET', '/api/health')).body.providers.runner, undefined);
    const user = await engine.createUser();
    const id = await startCoding(engine, user);
    const context = await openContext({ browser, engine }, user);
    const page = await context.newPage();
    await page.goto(`/interview/${id}`);
    await page.getByText('Running code is not available on this server right now.').waitFor();
    await answerUntilStep(page, 'Implementation', 'I would scan once and keep the best answer so far.');
    await setEditorCode(page, 'print(42)\n');
    await page.getByRole('button', { name: 'Run' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This part of Mockroom is not available right now.' });
    await alert.waitFor();
    await alert.getByText('send it with your answer').waitFor();
    await screenshot(page, 'room-coding-no-runner', { fullPage: false });

    await answer(page, 'Here is my solution: it prints the answer.');
    const view = (await engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body;
    const sent = view.transcript.filter((t) => t.kind === 'answer').pop();
    assert.equal(sent.code.source, 'print(42)\n');
    await context.close();
  } finally {
    await engine.stop();
  }
});
