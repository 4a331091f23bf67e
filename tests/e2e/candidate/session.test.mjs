// The session outlives the page and the connection: pause and resume across a reload,
// the typed draft kept, and a dropped WebSocket (the engine restarted) reconnecting to
// the interview where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine } from '../lib/engine.mjs';
import { engineAndBrowser } from '../lib/suite.mjs';
import { openContext, screenshot } from '../lib/browser.mjs';
import { answer, STAR_ANSWERS, waitForQuestion } from './room.mjs';

const env = engineAndBrowser();

async function newInterview(user, setup = { format: 'behavioral', questionCount: 5 }) {
  const r = await env.engine.request('POST', '/api/interviews', { token: user.token, body: setup });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

// A new interview in the room, its first question answered.
async function openRoomAfterOneAnswer(user) {
  const id = await newInterview(user);
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto(`/interview/${id}`);
  await answer(page, STAR_ANSWERS[0]);
  return { id, context, page };
}

test('A paused interview stays paused across a reload and resumes at the same question', async () => {
  const user = await env.engine.createUser();
  const { id, context, page } = await openRoomAfterOneAnswer(user);
  const question = await page.locator('.question-card .text').textContent();
  await page.getByLabel('Your answer').fill('A draft I have not sent yet');

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('heading', { name: 'The interview is paused' }).waitFor();
  await page.getByText('(stopped)').waitFor();
  assert.equal((await env.engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body.status, 'paused');

  await page.reload();
  await page.getByRole('heading', { name: 'The interview is paused' }).waitFor();
  await screenshot(page, 'room-paused', { fullPage: false });
  const frozen = await page.locator('.timer').textContent();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.timer').textContent(), frozen, 'the timer must not run while paused');

  await page.getByRole('button', { name: 'Resume the interview' }).click();
  await waitForQuestion(page);
  assert.equal(await page.locator('.question-card .text').textContent(), question);
  assert.equal(await page.getByLabel('Your answer').inputValue(), 'A draft I have not sent yet');
  await answer(page, STAR_ANSWERS[1]);
  await context.close();
});

test('Ending early asks first, then leads to a report of the answers so far', async () => {
  const user = await env.engine.createUser();
  const { id, context, page } = await openRoomAfterOneAnswer(user);
  await page.getByRole('button', { name: 'End interview' }).click();
  const dialog = page.getByRole('dialog', { name: 'End the interview now?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Keep going' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await env.engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body.status, 'in_progress');
  await page.getByRole('button', { name: 'End interview' }).click();
  await dialog.getByRole('button', { name: 'End and see my report' }).click();
  await page.getByRole('img', { name: /Overall score \d+ out of 100/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/interview/${id}/report`);
  await context.close();
});

test('When the connection drops the room says so, reconnects and the interview goes on', async () => {
  const user = await env.engine.createUser();
  const { id, context, page } = await openRoomAfterOneAnswer(user);
  const question = await page.locator('.question-card .text').textContent();

  await env.engine.kill();
  await page.getByText('The connection dropped.').waitFor();
  await page.getByText('Reconnecting…').waitFor();
  await screenshot(page, 'room-reconnecting', { fullPage: false });
  await env.engine.launch();  // same port and data: the engine rebuilds the session from its log
  await page.getByText('Connected').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.question-card .text').textContent(), question);
  await answer(page, STAR_ANSWERS[2]);
  const view = (await env.engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body;
  assert.equal(view.transcript.filter((t) => t.kind === 'answer').length, 2);
  await context.close();
});

test('A slow reply shows "AI thinking…" after 3 s, and the candidate can stop it', async () => {
  // An interviewer model that takes a minute per reply (tests/plugins/streaming_llm).
  const engine = await startEngine({ testPlugins: true, config: { plugins: { llm: { use: 'streaming_llm', config: { delayMs: 60000 } } } } });
  try {
    const user = await engine.createUser();
    const created = await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral', questionCount: 5 } });
    const context = await openContext({ browser: env.browser, engine }, user);
    const page = await context.newPage();
    await page.goto(`/interview/${created.body.id}`);
    await waitForQuestion(page);
    const first = await page.locator('.question-card .text').textContent();
    await page.getByLabel('Your answer').fill(STAR_ANSWERS[0]);
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByRole('status').getByText('The interviewer is replying…').waitFor();
    await page.getByRole('status').getByText('AI thinking…').waitFor({ timeout: 6000 });
    await screenshot(page, 'room-thinking', { fullPage: false });
    await page.getByRole('button', { name: 'Stop the reply' }).click();
    // The offline interviewer finishes the turn: the next question comes long before the
    // model's minute is up.
    await page.waitForFunction((before) => document.querySelector('.question-card .text')?.textContent !== before, first, { timeout: 20000 });
    await context.close();
  } finally {
    await engine.stop();
  }
});
