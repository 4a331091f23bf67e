// Preparing beyond one interview: a resume that tailors the questions, and a weekend prep
// plan with its sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAndBrowser } from '../lib/suite.mjs';
import { openContext, screenshot, watchPage } from '../lib/browser.mjs';

const env = engineAndBrowser();

const RESUME = [
  'Sam Park',
  'Staff Engineer, Contoso Health - Mar 2020 - Present',
  'Led the FHIR API platform in Java and Kubernetes; cut p99 latency by 45%.',
  'Backend Engineer at Fabrikam (2014 - 2020)',
].join('\n');

test('An uploaded resume is read and shown, and a file too large is explained', async () => {
  const user = await env.engine.createUser({ name: 'Sam Park' });
  const context = await openContext(env, user);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto('/new');
  await page.getByLabel('Upload your resume').setInputFiles({ name: 'cv.txt', mimeType: 'text/plain', buffer: Buffer.from(RESUME) });
  await page.getByText('Read cv.txt: your next interviews will ask about it.').waitFor();
  await page.getByText('Recent role: Staff Engineer at Contoso Health').waitFor();
  assert.equal((await env.engine.request('GET', '/api/me/resume', { token: user.token })).body.filename, 'cv.txt');

  await page.getByLabel('Replace your resume').setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * 1024 * 1024, 1) });
  await page.getByRole('alert').getByText('That file is too large.').waitFor();
  // The resume on file is still the first one.
  assert.equal((await env.engine.request('GET', '/api/me/resume', { token: user.token })).body.filename, 'cv.txt');
  assert.deepEqual(problems, []);
  await context.close();
});

test('A weekend prep plan is created in the candidate time zone and lists its sessions', async () => {
  const user = await env.engine.createUser();
  const context = await openContext(env, user);
  const page = await context.newPage();
  await page.goto('/packages');
  await page.getByLabel('Company style').selectOption('amazon-style');
  await page.getByRole('button', { name: 'Create my weekend plan' }).click();
  await page.getByRole('heading', { name: 'Your weekend plan' }).waitFor();
  await page.getByRole('heading', { name: /The plan \(0 of \d+ done\)/ }).waitFor();
  await screenshot(page, 'weekend-plan');
  const id = new URL(page.url()).pathname.split('/').pop();
  const pkg = (await env.engine.request('GET', `/api/packages/${id}`, { token: user.token })).body;
  assert.equal(pkg.setup.company, 'amazon-style');
  assert.equal(await page.locator('.list li').count(), pkg.plan.length);
  // Sessions start only while the weekend is open.
  const start = page.getByRole('button', { name: 'Start' }).first();
  assert.equal(await start.isEnabled(), pkg.state === 'open');
  if (pkg.state === 'open') {
    await start.click();
    await page.locator('.question-card').waitFor();
  }
  await context.close();
});
