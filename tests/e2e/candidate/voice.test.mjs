// Voice in the room: the interviewer's voice played and muted, and an answer spoken into
// the microphone (a recording Chromium plays as its microphone, made by the engine's own
// text-to-speech) heard, shown and answered like a typed one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../lib/engine.mjs';
import { launchBrowser, openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { waitForQuestion } from './room.mjs';

const SPOKEN_ANSWER = 'I led a team of four engineers that rebuilt our payment service. '
  + 'We cut the error rate by half in three months.';

let engine;
let browser;
let dir;

before(async () => {
  engine = await startEngine();
  dir = mkdtempSync(join(tmpdir(), 'mockroom-voice-'));
  const admin = await engine.createUser({ role: 'admin', name: 'Voice Admin' });
  const response = await fetch(`${engine.baseUrl}/api/admin/tts/synthesize`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: SPOKEN_ANSWER }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const wav = join(dir, 'answer.wav');
  writeFileSync(wav, Buffer.from(await response.arrayBuffer()));
  browser = await launchBrowser({ fakeMicrophone: wav });
});

after(async () => {
  await browser?.close();
  await engine?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('The interviewer speaks when the voice is on and stops when muted', async () => {
  const user = await engine.createUser();
  const created = await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral', questionCount: 5 } });
  const context = await openContext({ browser, engine }, user);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`/interview/${created.body.id}`);
  await waitForQuestion(page);
  await page.getByRole('button', { name: 'Interviewer voice off' }).click();
  // Turning the voice on reads out the question waiting for an answer.
  await page.getByText('The interviewer is speaking.').waitFor({ timeout: 15000 });
  await screenshot(page, 'room-voice', { fullPage: false });
  await page.getByRole('button', { name: 'Interviewer voice on' }).click();
  await page.getByText('The interviewer is speaking.').waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: 'Interviewer voice off' }).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('A spoken answer is heard, shown in the conversation and answered', async () => {
  const user = await engine.createUser();
  const created = await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral', questionCount: 5 } });
  const id = created.body.id;
  const context = await openContext({ browser, engine }, user);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`/interview/${id}`);
  await waitForQuestion(page);
  const first = await page.locator('.question-card .text').textContent();

  await page.getByRole('button', { name: 'Answer by voice' }).click();
  const stop = page.getByRole('button', { name: 'Stop and send' });
  await stop.waitFor();
  assert.equal(await stop.getAttribute('aria-pressed'), 'true');
  // The words heard so far appear while the candidate speaks.
  await page.getByText('Heard so far:').waitFor({ timeout: 15000 });
  await page.waitForTimeout(8000);  // the rest of the recording
  await stop.click();

  const spoken = page.locator('.chat .candidate', { hasText: '(spoken)' });
  await spoken.waitFor({ timeout: 30000 });
  assert.ok((await spoken.locator('.bubble').textContent()).trim().length > 10);
  await page.waitForFunction((before) => document.querySelector('.question-card .text')?.textContent !== before, first, { timeout: 20000 });
  const view = (await engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body;
  const answer = view.transcript.find((t) => t.kind === 'answer');
  assert.equal(answer.spoken, true);
  assert.deepEqual(problems, []);
  await context.close();
});
