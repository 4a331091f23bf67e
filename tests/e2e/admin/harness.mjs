// The admin console's browser-test harness: the real engine (with the built console at
// /admin) on a free port with a temporary data dir, its first admin made by
// `mockroom admin create`, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
export const BINARY = process.env.MOCKROOM_BINARY || path.join(root, 'build/bin/mockroom');
export const ADMIN_DIST = process.env.MOCKROOM_ADMIN_DIST || path.join(root, 'admin/dist');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = path.join(root, 'test-artifacts/e2e-admin');
export const PASSWORD = 'correct horse battery';

// One engine process; stop() ends it and removes its data.
export async function startEngine(config = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mockroom-e2e-admin-'));
  const configPath = path.join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ billing: { defaultTier: 'unlimited' }, adminDir: ADMIN_DIST, ...config }));
  const child = spawn(BINARY, ['serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', path.join(dir, 'data'), '--config', configPath],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the engine did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Mockroom listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the engine exited (${code}):\n${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    dir,
    output: () => output,
    // `mockroom admin create` on this engine's data dir.
    createAdmin(email, name = 'Root Admin') {
      const r = spawnSync(BINARY, ['admin', 'create', '--email', email, '--password', PASSWORD, '--name', name,
                                   '--data-dir', path.join(dir, 'data'), '--config', configPath]);
      if (r.status !== 0) throw new Error(`admin create failed: ${r.stderr}`);
    },
    async api(method, apiPath, body, token) {
      const headers = { 'Content-Type': 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(base + apiPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${JSON.stringify(data)}`);
      return data;
    },
    async signUp(email, name) {
      await fetch(`${base}/api/auth/register`, { method: 'POST', body: JSON.stringify({ email, password: PASSWORD, name }) });
      return (await this.api('POST', '/api/auth/login', { email, password: PASSWORD })).token;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A page signed in to the console as `email`.
export async function signedIn(browser, engine, email) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(20000);  // a step that cannot happen fails with its reason
  const page = await context.newPage();
  await page.goto(`${engine.base}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
