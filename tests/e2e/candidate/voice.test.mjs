// Voice in the room: the interviewer's voice played and muted, an answer spoken into the
// microphone push-to-talk (a recording Chromium plays as its microphone, made by the
// engine's own text-to-speech) heard, shown and answered like a typed one, and hands-free:
// the microphone stays on, the server finds where the answer ends (after a thinking pause),
// and the candidate's voice stops the interviewer's (barge-in).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../lib/engine.mjs';
import { launchBrowser, openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { describeViolations, seriousViolations } from '../lib/axe.mjs';
import { waitForQuestion } from './room.mjs';

const SPOKEN_ANSWER = 'I led a team of four engineers that rebuilt our payment service. '
  + 'We cut the error rate by half in three months.';
// Hands-free: the candidate thinks out loud first ("Let me think."), stays silent longer than
// the end-of-turn silence, then answers; the engine's default thinking phrases must keep the
// turn open through that silence. (Said on its own after silence, the recogniser hears the
// phrase reliably; at the end of a long answer its partial transcript often mishears it.)
const THINKING_SILENCE_S = 3;

let engine;
let browser;
let dir;
let admin;
let answerWav;
let thinkingWav;

// `text` in the engine's own voice: {format (the WAV 'fmt ' chunk), pcm}.
async function speech(text) {
  const response = await fetch(`${engine.baseUrl}/api/admin/tts/synthesize`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const wav = Buffer.from(await response.arrayBuffer());
  const chunks = {};
  for (let at = 12; at + 8 <= wav.length;) {  // RIFF, size, WAVE; then id, size, body chunks
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    chunks[id] = wav.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  assert.ok(chunks['fmt '] && chunks.data, 'the synthesised speech is a WAV file');
  return { format: chunks['fmt '], pcm: chunks.data };
}

// A recording for Chromium's microphone: the texts spoken in turn, `gapS` seconds of
// silence between them, as a WAV file.
async function recording(name, texts, gapS = 0) {
  const parts = await Promise.all(texts.map(speech));
  const { format } = parts[0];
  const bytesPerSecond = format.readUInt32LE(8);
  const blockAlign = format.readUInt16LE(12);
  const gap = Buffer.alloc(Math.round((bytesPerSecond * gapS) / blockAlign) * blockAlign);
  const pcm = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part.pcm] : [gap, part.pcm])));
  const header = Buffer.alloc(20);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 8 + format.length + 8 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(format.length, 16);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(pcm.length, 4);
  const wav = join(dir, name);
  writeFileSync(wav, Buffer.concat([header, format, dataHeader, pcm]));
  return wav;
}

before(async () => {
  engine = await startEngine({ config: { voice: { endOfTurnSilenceMs: 2000, thinkingPauseMs: 4000 } } });
  dir = mkdtempSync(join(tmpdir(), 'mockroom-voice-'));
  admin = await engine.createUser({ role: 'admin', name: 'Voice Admin' });
  answerWav = await recording('answer.wav', [SPOKEN_ANSWER]);
  thinkingWav = await recording('thinking-answer.wav', ['Let me think.', SPOKEN_ANSWER], THINKING_SILENCE_S);
  browser = await launchBrowser({ fakeMicrophone: answerWav });
});

after(async () => {
  await browser?.close();
  await engine?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The interview's WebSocket as the page sees it: frames received and sent (text only).
function watchSocket(page) {
  const frames = { received: [], sent: [] };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/ws/interviews/')) return;
    const keep = (list) => ({ payload }) => {
      if (typeof payload !== 'string') return;
      try { list.push(JSON.parse(payload)); } catch { /* not JSON */ }
    };
    ws.on('framereceived', keep(frames.received));
    ws.on('framesent', keep(frames.sent));
  });
  return frames;
}

// A new behavioral interview open in the room in `inBrowser`, its question showing, with the
// page's problems and its socket's frames watched.
async function openRoom(inBrowser = browser) {
  const user = await engine.createUser();
  const created = await engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral', questionCount: 5 } });
  const context = await openContext({ browser: inBrowser, engine }, user);
  const page = await context.newPage();
  const problems = watchPage(page);
  const frames = watchSocket(page);
  await page.goto(`/interview/${created.body.id}`);
  await waitForQuestion(page);
  return { user, id: created.body.id, question: created.body.currentQuestion, context, page, problems, frames };
}

// what: words for the failure, or a function giving them then.
async function until(condition, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

test('The interviewer speaks when the voice is on and stops when muted', async () => {
  const { context, page, problems } = await openRoom();
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
  const { user, id, context, page, problems } = await openRoom();
  const first = await page.locator('.question-card .text').textContent();
  // Usable (and looking it) as soon as the question is there.
  assert.equal(await page.getByRole('button', { name: 'Answer by voice' }).isEnabled(), true);

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

test('Hands-free: the microphone stays on across questions, the room shows what it hears, and speaking stops the interviewer', async (t) => {
  // A browser of its own, whose microphone plays the thinking-then-answering recording from its start.
  const handsFreeBrowser = await launchBrowser({ fakeMicrophone: thinkingWav });
  try {
    const { user, id, question, context, page, problems, frames } = await openRoom(handsFreeBrowser);
    const first = await page.locator('.question-card .text').textContent();

    // Push-to-talk is the default; hands-free is a choice, remembered in this browser.
    assert.equal(await page.getByRole('radio', { name: 'Push to talk' }).isChecked(), true);
    await page.getByRole('radio', { name: 'Hands-free' }).check();
    await page.getByRole('button', { name: 'Interviewer voice off' }).click();
    await page.getByText('The interviewer is speaking.').waitFor({ timeout: 15000 });

    // The candidate starts talking while the interviewer still reads the question out.
    await page.getByRole('button', { name: 'Start hands-free' }).click();
    const stop = page.getByRole('button', { name: 'Stop hands-free' });
    await stop.waitFor();
    assert.equal(await stop.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('radio', { name: 'Push to talk' }).isDisabled(), true, 'no mode change while the microphone is on');
    const start = frames.sent.find((f) => f.type === 'audio_start');
    assert.deepEqual([start.mode, start.sampleRate, start.format], ['hands_free', 16000, 'pcm_s16le']);

    // Barge-in: the server's audio_stop, or the room's own detection (it then sends
    // interrupt), silences the interviewer at once.
    await until(() => frames.received.some((f) => f.type === 'audio_stop') || frames.sent.some((f) => f.type === 'interrupt'), 'a barge-in');
    t.diagnostic(`barge-in: ${frames.sent.some((f) => f.type === 'interrupt') ? 'the room heard the candidate first (interrupt)' : 'the server\'s audio_stop'}`);
    await page.getByText('The interviewer is speaking.').waitFor({ state: 'detached', timeout: 5000 });
    await page.getByText('Heard so far:').waitFor({ timeout: 15000 });

    // "Let me think." counts as thinking: the silence after it does not end the turn.
    const heard = () => frames.received.filter((f) => f.type === 'transcript' || f.type === 'voice_state')
      .map((f) => (f.type === 'transcript' ? `"${f.text}"` : f.state)).join(' | ');
    await until(() => frames.received.some((f) => f.type === 'voice_state' && f.state === 'thinking_pause'),
      () => `the thinking pause after "Let me think."; the server sent: ${heard()}`);
    await page.locator('.voice-state', { hasText: 'Take your time…' }).waitFor({ timeout: 5000 });
    await screenshot(page, 'room-hands-free', { fullPage: false });
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `the room with hands-free on:\n${describeViolations(violations)}`);
    const spoken = page.locator('.chat .candidate', { hasText: '(spoken)' });
    await spoken.waitFor({ timeout: 30000 });
    await page.waitForFunction((before) => document.querySelector('.question-card .text')?.textContent !== before, first, { timeout: 20000 });

    // Still listening for the next answer, without a press.
    await page.locator('.voice-state', { hasText: 'Listening…' }).waitFor({ timeout: 15000 });
    assert.equal(await stop.getAttribute('aria-pressed'), 'true');
    const states = frames.received.filter((f) => f.type === 'voice_state').map((f) => f.state);
    for (const state of ['listening', 'hearing', 'thinking_pause', 'processing']) {
      assert.ok(states.includes(state), `voice_state ${state} in ${states.join(', ')}`);
    }
    const final = frames.received.find((f) => f.type === 'transcript' && f.final);
    assert.equal(final.questionId, question.id);
    assert.match(final.text, /team/, 'the answer after the thinking pause belongs to the same turn');
    assert.equal(frames.sent.filter((f) => f.type === 'audio_start').length, 1, 'one audio_start for the whole interview so far');
    const view = (await engine.request('GET', `/api/interviews/${id}`, { token: user.token })).body;
    assert.equal(view.transcript.find((t) => t.kind === 'answer').spoken, true);

    // Turning it off closes the microphone; the choice of mode is kept over a reload.
    await stop.click();
    await page.getByRole('button', { name: 'Start hands-free' }).waitFor();
    await until(() => frames.sent.some((f) => f.type === 'audio_end'), 'audio_end');
    await page.reload();
    await waitForQuestion(page);
    assert.equal(await page.getByRole('radio', { name: 'Hands-free' }).isChecked(), true);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await handsFreeBrowser.close();
  }
});

test('Hands-free comes back on by itself after the connection drops', async () => {
  const { context, page, problems, frames } = await openRoom();
  await page.getByRole('radio', { name: 'Hands-free' }).check();
  await page.getByRole('button', { name: 'Start hands-free' }).click();
  await page.locator('.voice-state', { hasText: 'Listening…' }).waitFor();
  const listening = () => frames.received.filter((f) => f.type === 'voice_state' && f.state === 'listening').length;
  const listeningBefore = listening();

  await engine.kill();
  await page.getByText('Reconnecting…').waitFor();
  await engine.launch();  // same port and data
  await page.getByText('Connected').waitFor({ timeout: 30000 });
  // The new connection gets its own audio_start; the microphone was never closed.
  await until(() => frames.sent.filter((f) => f.type === 'audio_start').length === 2, 'a second audio_start');
  await until(() => listening() > listeningBefore, 'the new connection listening');
  assert.equal(await page.getByRole('button', { name: 'Stop hands-free' }).getAttribute('aria-pressed'), 'true');
  await page.locator('.voice-state', { hasText: 'Listening…' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Hands-free comes back on after a pause and resume', async () => {
  const { context, page, problems, frames } = await openRoom();
  await page.getByRole('radio', { name: 'Hands-free' }).check();
  await page.getByRole('button', { name: 'Start hands-free' }).click();
  await page.locator('.voice-state', { hasText: 'Listening…' }).waitFor();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('heading', { name: 'The interview is paused' }).waitFor();
  // Pausing closed the microphone and dropped nothing spoken.
  await until(() => frames.sent.some((f) => f.type === 'audio_cancel'), 'the microphone closed at the pause');
  await page.getByRole('button', { name: 'Resume the interview' }).click();
  await until(() => frames.sent.filter((f) => f.type === 'audio_start').length === 2, 'a new audio_start after resuming');
  await page.getByRole('button', { name: 'Stop hands-free' }).waitFor();
  await page.locator('.voice-state', { hasText: 'Listening…' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
