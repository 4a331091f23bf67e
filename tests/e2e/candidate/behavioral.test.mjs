// A full behavioral interview by text in the browser: setup, every question and
// follow-up, the report with its evidence, the rating, export and retake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAndBrowser } from '../lib/suite.mjs';
import { openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { answerUntilFinished } from './room.mjs';

const env = engineAndBrowser();

test('A candidate sets up a behavioral interview, answers every question and rates the report', async () => {
  const user = await env.engine.createUser({ name: 'Katherine Johnson' });
  const context = await openContext(env, user);
  const page = await context.newPage();
  const problems = watchPage(page);

  await page.goto('/new');
  await page.getByRole('heading', { name: 'Set up an interview' }).waitFor();
  await page.getByRole('radio', { name: /Behavioral interview/ }).check();
  await page.getByLabel('Number of questions').fill('5');
  await page.getByLabel('Level').selectOption('senior');
  await screenshot(page, 'setup');
  await page.getByRole('button', { name: 'Start behavioral interview' }).click();

  await page.locator('.question-card').waitFor();
  await page.getByText('Question 1 of 5').first().waitFor();
  // The interviewer's greeting is in the conversation, the timer is running.
  await page.getByRole('log', { name: 'Conversation' }).getByText('Katherine').first().waitFor();
  await page.locator('.timer').getByText(/\d+:\d\d left/).waitFor();
  await page.getByText('Connected').waitFor();
  await screenshot(page, 'room-behavioral', { fullPage: false });

  const answers = await answerUntilFinished(page);
  assert.ok(answers >= 5, `answered ${answers} times`);
  await page.getByRole('heading', { name: 'That is the end of the interview' }).waitFor();
  await page.getByRole('link', { name: 'See your report' }).click();

  await page.getByRole('heading', { name: 'Your feedback report' }).waitFor();
  const dial = page.getByRole('img', { name: /Overall score \d+ out of 100/ });
  await dial.waitFor();
  for (const category of ['Communication', 'Problem Solving', 'Algorithm Reasoning', 'Coding']) {
    await page.locator('.bar-label', { hasText: category }).first().waitFor();
  }
  // Evidence is quoted word for word from the answers.
  const quote = (await page.locator('blockquote.evidence').first().textContent()).replace(/^“|”$/g, '');
  assert.ok(quote.length > 10);
  const transcript = (await env.engine.request('GET', (new URL(page.url())).pathname.replace('/interview/', '/api/interviews/').replace('/report', ''), { token: user.token })).body;
  const said = transcript.transcript.filter((t) => t.role === 'candidate').map((t) => t.text).join(' ');
  assert.ok(said.includes(quote.replace(/…$/, '').slice(0, 40)), `quote not from the answers: ${quote}`);
  await page.getByRole('heading', { name: 'Strengths' }).waitFor();
  await page.getByText('Your next step:').waitFor();
  await screenshot(page, 'report');

  // Export: the printable page is served with the session cookie.
  const html = await page.request.get(await page.getByRole('link', { name: /Open printable report/ }).getAttribute('href'));
  assert.equal(html.status(), 200);
  assert.match(await html.text(), /Katherine/);

  // The rating: all four questions, with stars, by keyboard and mouse.
  await page.getByRole('button', { name: 'Send rating' }).click();
  await page.getByRole('alert').getByText(/Please choose stars for Realism, Ease of use/).waitFor();
  const groups = ['Realism', 'Ease of use', 'Feedback helpfulness', 'Overall satisfaction'];
  for (const [i, name] of groups.entries()) {
    await page.getByRole('group', { name }).getByLabel(`${i + 2} stars`, { exact: false }).check();
  }
  await page.getByLabel('Anything else? (optional)').fill('The follow-ups felt real.');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await page.getByRole('heading', { name: 'Thank you for rating this interview' }).waitFor();
  const id = new URL(page.url()).pathname.split('/')[2];
  const rating = (await env.engine.request('GET', `/api/interviews/${id}/rating`, { token: user.token })).body;
  assert.deepEqual([rating.realism, rating.easeOfUse, rating.feedbackHelpfulness, rating.overallSatisfaction], [2, 3, 4, 5]);
  assert.equal(rating.comment, 'The follow-ups felt real.');

  // Retake: the same setup, a new interview.
  await page.getByRole('button', { name: 'Retake this interview' }).click();
  await page.getByText('Question 1 of 5').first().waitFor();
  assert.notEqual(new URL(page.url()).pathname, `/interview/${id}`);
  assert.deepEqual(problems, []);
  await context.close();
});
