// The room's bar (progress, time left, pause, end) is never covered by the site's top bar:
// on a desktop screen it stays in view while the page scrolls, on a phone it sits below the
// top bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAndBrowser } from '../lib/suite.mjs';
import { DESKTOP, MOBILE, openContext, screenshot } from '../lib/browser.mjs';
import { waitForQuestion } from './room.mjs';

const env = engineAndBrowser();

// Whether the room's bar is on screen and its own (no other element drawn over it), at
// its left, middle and right.
async function barUncovered(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('.room-bar');
    const box = bar.getBoundingClientRect();
    const y = box.top + box.height / 2;
    const onTop = [box.left + 8, box.left + box.width / 2, box.right - 8].map((x) => bar.contains(document.elementFromPoint(x, y)));
    return { top: Math.round(box.top), onTop };
  });
}

for (const [screen, options] of [['a desktop', DESKTOP], ['a phone', MOBILE]]) {
  test(`On ${screen} the site's top bar never covers the room's bar`, async () => {
    const user = await env.engine.createUser();
    const created = await env.engine.request('POST', '/api/interviews', { token: user.token, body: { format: 'behavioral', questionCount: 5 } });
    const context = await openContext(env, user, options);
    const page = await context.newPage();
    await page.goto(`/interview/${created.body.id}`);
    await waitForQuestion(page);
    const atTop = await barUncovered(page);
    assert.deepEqual(atTop.onTop, [true, true, true], 'the room bar at the top of the page');

    await page.getByRole('button', { name: 'Send answer' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const scrolled = await barUncovered(page);
    if (screen === 'a desktop') {
      assert.equal(scrolled.top, 0, 'the room bar stays at the top of the window');
      assert.deepEqual(scrolled.onTop, [true, true, true], 'nothing covers the room bar');
    }
    await screenshot(page, `room-scrolled-${screen === 'a desktop' ? 'desktop' : 'mobile'}`, { fullPage: false });
    await screenshot(page, `room-full-${screen === 'a desktop' ? 'desktop' : 'mobile'}`);
    await context.close();
  });
}
