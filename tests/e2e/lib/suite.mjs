// One engine and one Chromium for a test file: registers node:test's before/after hooks
// and hands back an object whose `engine` and `browser` are set once they have started
// (`await env.ready` in a hook of your own that needs them, e.g. to make test data).
//
//   const env = engineAndBrowser();
//   test('...', async () => { const user = await env.engine.createUser(); ... env.browser ... });
import { after, before } from 'node:test';
import { startEngine } from './engine.mjs';
import { launchBrowser } from './browser.mjs';

export function engineAndBrowser(engineOptions = {}) {
  const env = { engine: null, browser: null };
  let started;
  env.ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
  env.ready.catch(() => {});  // the hook below reports the failure
  before(async () => {
    try {
      env.engine = await startEngine(engineOptions);
      env.browser = await launchBrowser();
      started.resolve(env);
    } catch (e) {
      started.reject(e);
      throw e;
    }
  });
  after(async () => {
    await env.browser?.close();
    await env.engine?.stop();
  });
  return env;
}
