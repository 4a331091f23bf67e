// Driving the interview room the way a candidate does: read the question, type an
// answer, send it, wait for the interviewer's next question or the end.

const FINISHED = '#finished-heading';

export const STAR_ANSWERS = [
  'I am a backend engineer with six years of experience building payment APIs in Python and Go. ' +
    'Most recently I led a team of four that rebuilt our ledger service, which cut reconciliation time by 70 percent.',
  'In my last role our checkout latency was hurting conversion (situation). I was asked to bring p99 under 300 ms (task). ' +
    'I profiled the service, added a read-through cache and batched the database calls, and I wrote a load test to prove it (action). ' +
    'As a result p99 dropped from 900 ms to 250 ms and conversion rose by 3 percent within a month (result).',
  'When two senior engineers disagreed about a migration plan, I set up a short meeting, wrote down both options with their risks, ' +
    'and proposed a pilot on one service first. The pilot took two weeks, we picked the safer option, and the full migration finished ' +
    'a month early with zero downtime.',
  'I missed a deadline once because I underestimated a data backfill. I told my manager early, split the work into smaller steps, ' +
    'and asked a colleague to pair with me. We delivered four days late but without errors, and since then I add a buffer of 20 percent ' +
    'and flag risks in our weekly review.',
  'I mentored a junior developer who struggled with code reviews. We agreed on a checklist, paired for an hour twice a week, ' +
    'and after two months her pull requests needed half as many review rounds and she started reviewing others herself.',
];

// The text that identifies the turn on screen: the question card or the finish.
export async function turnMarker(page) {
  return page.evaluate((finished) => {
    if (document.querySelector(finished)) return 'finished';
    const eyebrow = document.querySelector('.question-card .eyebrow')?.textContent || '';
    const text = document.querySelector('.question-card .text')?.textContent || '';
    const answers = document.querySelectorAll('.chat .candidate').length;
    return `${eyebrow}|${text}|${answers}`;
  }, FINISHED);
}

export async function waitForQuestion(page) {
  await page.waitForFunction((finished) => document.querySelector(finished) ||
    (document.querySelector('.question-card .text') && !document.querySelector('.answer-box button[type=submit]')?.disabled), FINISHED);
}

export async function isFinished(page) {
  return (await page.locator(FINISHED).count()) > 0;
}

// Types `text` as the answer, sends it, and waits until the interviewer moved on.
export async function answer(page, text) {
  await waitForQuestion(page);
  const before = await turnMarker(page);
  await page.getByLabel('Your answer').fill(text);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.waitForFunction(({ before, finished }) => {
    if (document.querySelector(finished)) return true;
    const eyebrow = document.querySelector('.question-card .eyebrow')?.textContent || '';
    const q = document.querySelector('.question-card .text')?.textContent || '';
    const answers = document.querySelectorAll('.chat .candidate').length;
    const submit = document.querySelector('.answer-box button[type=submit]');
    const sending = [...document.querySelectorAll('.chat .candidate .who')].some((w) => w.textContent.includes('sending'));
    return `${eyebrow}|${q}|${answers}` !== before && submit && !submit.disabled && !sending;
  }, { before, finished: FINISHED }, { timeout: 20000 });
}

// Answers every question with `answers` (reused in turn) until the interview ends.
export async function answerUntilFinished(page, answers = STAR_ANSWERS, maxTurns = 40) {
  for (let turn = 0; turn < maxTurns; turn += 1) {
    await waitForQuestion(page);
    if (await isFinished(page)) return turn;
    await answer(page, answers[turn % answers.length]);
  }
  throw new Error(`the interview did not finish within ${maxTurns} answers`);
}

// Answers with `text` until the open question is the multi-part question's `step`
// ("Implementation"), e.g. past the interviewer's follow-ups on an approach.
export async function answerUntilStep(page, step, text, maxTurns = 6) {
  for (let turn = 0; turn < maxTurns; turn += 1) {
    await waitForQuestion(page);
    const eyebrow = await page.locator('.question-card .eyebrow').textContent();
    if (eyebrow.includes(step)) return;
    await answer(page, text);
  }
  throw new Error(`no "${step}" question within ${maxTurns} answers`);
}
