// Plans in the client, on an engine whose users are on the free plan: the plan on the
// dashboard and the setup page, an interview the plan does not cover refused with the
// engine's reason and the tiers for sale, the basic report, growth tracking said to be a
// paid feature, and the credits a candidate holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAndBrowser } from '../lib/suite.mjs';
import { MOBILE, openContext, screenshot, watchPage } from '../lib/browser.mjs';
import { seriousViolations, describeViolations } from '../lib/axe.mjs';
import { waitForQuestion } from './room.mjs';

const env = engineAndBrowser({ config: { billing: { defaultTier: 'free' } } });

async function noSeriousViolations(page, what) {
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
}

async function signedInPage(user) {
  const context = await openContext(env, user);
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}

test('A free candidate sees the plan, takes the week\'s interview, and a second start is refused in plain words with the tiers', async () => {
  const user = await env.engine.createUser({ name: 'Grace Hopper' });
  const { context, page, problems } = await signedInPage(user);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Welcome, Grace', level: 1 }).waitFor();
  const plan = page.locator('.plan-notice');
  await plan.getByText('Free plan: one interview a week of up to 45 minutes with a basic report.').waitFor();
  await plan.getByText(/One interview is left this week/).waitFor();
  // Growth tracking is Premium's: said as the engine says it, not as a failure.
  await page.getByText(/growth tracking across interviews comes with Premium/).first().waitFor();
  assert.equal(await page.getByText('We could not load your progress.').count(), 0);
  await screenshot(page, 'dashboard-free');
  await noSeriousViolations(page, 'the dashboard on the free plan');

  await page.getByRole('button', { name: 'Start a behavioral interview' }).click();
  await waitForQuestion(page);

  await page.goto('/');
  await plan.getByText(/You have had this week's interview\. The next is available Monday/).waitFor();
  // The tiers for sale, one press away.
  await plan.getByText('Ways to practise more').click();
  await plan.getByText('$40 a month').waitFor();

  await page.goto('/new');
  await page.getByRole('heading', { name: 'Set up an interview', level: 1 }).waitFor();
  await page.locator('.plan-notice').getByText(/The next is available Monday/).waitFor();
  await page.getByRole('button', { name: 'Start behavioral interview' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Your plan does not cover this' });
  await refused.waitFor();
  await refused.getByText('Premium (monthly)').waitFor();  // the tiers load after the refusal shows
  const words = await refused.textContent();
  assert.match(words, /Free plan: next interview available Monday \(\d{4}-\d{2}-\d{2}\)\. Premium or a mock interview credit lets you practise now\./);
  assert.match(words, /contact whoever runs this Mockroom site/);
  assert.equal(await refused.getByRole('button', { name: 'Try again' }).count(), 0, 'a plan limit is not offered as a retry');
  // The tiers are listed once, beside the refusal.
  assert.equal(await page.getByText('Ways to practise more').count(), 1);
  await screenshot(page, 'setup-free-refused');
  await noSeriousViolations(page, 'setup with a refused start');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Company-style practice on the free plan is refused with the reason', async () => {
  const user = await env.engine.createUser({ name: 'Barbara Liskov' });
  const { context, page } = await signedInPage(user);
  await page.goto('/new?format=amazon_style');
  await page.getByRole('heading', { name: 'Set up an interview', level: 1 }).waitFor();
  // Said before starting: on the format's card and beside the start button.
  await page.locator('.format-card', { hasText: 'Amazon-style loop' }).getByText('Not in the Free plan').waitFor();
  await page.getByRole('status').filter({ hasText: 'Company-style practice is not part of the Free plan.' }).waitFor();
  assert.equal(await page.locator('.format-card', { hasText: 'Behavioral interview' }).getByText('Not in the Free plan').count(), 0);
  await page.locator('form button[type=submit]').click();
  const refused = page.getByRole('alert').filter({ hasText: 'Your plan does not cover this' });
  await refused.getByText(/company-style practice comes with Premium, the Weekend package or a mock interview credit/i).waitFor();
  // Nothing was drawn: the week's free interview is still there.
  await page.goto('/');
  await page.locator('.plan-notice').getByText(/One interview is left this week/).waitFor();
  await context.close();
});

test('The free interview\'s report is the basic one, and the progress page says growth tracking is Premium\'s', async () => {
  const user = await env.engine.createUser({ name: 'Edsger Dijkstra' });
  const id = await env.engine.runInterview(user);
  const { context, page, problems } = await signedInPage(user);
  await page.goto(`/interview/${id}/report`);
  await page.getByRole('img', { name: /Overall score/ }).waitFor();
  await page.getByRole('heading', { name: 'This is the basic report' }).waitFor();
  await page.getByText(/The full report .* comes with Premium or a mock interview credit/).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Download as Markdown' }).count(), 0, 'no export on a basic report (the engine refuses it)');
  assert.equal(await page.getByRole('heading', { name: 'Strengths' }).count(), 0);
  await screenshot(page, 'report-basic');
  await noSeriousViolations(page, 'the basic report');

  await page.goto('/progress');
  const refused = page.getByRole('alert').filter({ hasText: 'Your plan does not cover this' });
  await refused.getByText(/growth tracking across interviews comes with Premium/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('A weekend prep plan without the Weekend package is explained before and after pressing create', async () => {
  const user = await env.engine.createUser({ name: 'Frances Allen' });
  const { context, page, problems } = await signedInPage(user);
  await page.goto('/packages');
  await page.locator('.plan-notice').getByText(/A weekend prep plan comes with the Weekend package \(\$49, to use within 30 days\)/).waitFor();
  await page.getByRole('button', { name: 'Create my weekend plan' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Your plan does not cover this' });
  await refused.getByText(/a weekend prep package comes with the Weekend package purchase/i).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('A candidate holding interview credits sees how many are left', async () => {
  const user = await env.engine.createUser({ name: 'Alan Kay' });
  const admin = await env.engine.createUser({ role: 'admin', name: 'Plan Admin' });
  const me = await env.engine.request('GET', '/api/me', { token: user.token });
  const granted = await env.engine.request('POST', `/api/admin/users/${me.body.user.id}/entitlements`,
    { token: admin.token, body: { tierId: 'credit_3' } });
  assert.equal(granted.status, 201, JSON.stringify(granted.body));
  const { context, page } = await signedInPage(user);
  await page.goto('/new');
  await page.locator('.plan-notice').getByText('Three mock interviews: 3 interview credits left.').waitFor();
  await page.getByRole('button', { name: 'Start behavioral interview' }).click();
  await waitForQuestion(page);
  await page.goto('/');
  await page.locator('.plan-notice').getByText('Three mock interviews: 2 interview credits left.').waitFor();
  await context.close();
});

test('On a phone the used-up free plan and the tiers fit the screen', async () => {
  const user = await env.engine.createUser({ name: 'Katherine Johnson' });
  await env.engine.runInterview(user);
  const context = await openContext(env, user, MOBILE);
  const page = await context.newPage();
  await page.goto('/');
  await page.locator('.plan-notice').getByText('Ways to practise more').click();
  await page.locator('.plan-notice').getByText('$40 a month').waitFor();
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the dashboard is ${scroll}px wide on a ${width}px screen`);
  await screenshot(page, 'mobile-dashboard-free');
  await context.close();
});

test('A tier with a checkout link is bought from the client, with the account named for the payment webhook', async () => {
  const admin = await env.engine.createUser({ role: 'admin', name: 'Shop Admin' });
  const linked = await env.engine.request('PUT', '/api/admin/tiers/premium_monthly',
    { token: admin.token, body: { checkoutUrl: 'https://pay.example.com/premium?plan=monthly' } });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  try {
    const user = await env.engine.createUser({ name: 'Barbara Liskov' });
    const me = await env.engine.request('GET', '/api/me', { token: user.token });
    await env.engine.runInterview(user);
    const { context, page, problems } = await signedInPage(user);
    await page.goto('/');
    const plan = page.locator('.plan-notice');
    await plan.getByText('Ways to practise more').click();
    const buy = plan.getByRole('link', { name: /^Buy Premium \(monthly\)/ });
    await buy.waitFor();
    assert.equal(await buy.getAttribute('href'),
      `https://pay.example.com/premium?plan=monthly&client_reference_id=${me.body.user.id}`);
    assert.equal(await buy.getAttribute('target'), '_blank');
    await plan.getByText(/Paying opens the payment page in a new tab.*For the others, contact whoever runs/).waitFor();
    // Tiers without a link are still listed, without a button.
    assert.equal(await plan.getByRole('link', { name: /^Buy Premium \(yearly\)/ }).count(), 0);
    await screenshot(page, 'dashboard-free-checkout');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await env.engine.request('PUT', '/api/admin/tiers/premium_monthly', { token: admin.token, body: { checkoutUrl: '' } });
  }
});
