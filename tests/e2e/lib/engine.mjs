// The real engine for browser tests: `mockroom serve` on a free loopback port with a
// temporary data directory and the built web client, plus users with roles.
//
//   const engine = await startEngine();            // or startEngine({ config: {...} })
//   const ada = await engine.createUser();          // a candidate, walkthrough already seen
//   const root = await engine.createUser({ role: 'admin' });   // also 'coach', 'operator'
//   ...
//   await engine.stop();                            // also removes the data directory
//
// The binary comes from MOCKROOM_BINARY (ctest sets it) or build/bin/mockroom, the client
// from MOCKROOM_WEB_DIR or web/dist. Shared by every browser test (candidate client and
// admin console).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const START_TIMEOUT_MS = 30000;
const STOP_TIMEOUT_MS = 10000;
const LISTENING = /Mockroom listening on http:\/\/127\.0\.0\.1:(\d+)\n/;
export const PASSWORD = 'correct horse battery staple';

let userCounter = 0;

export function engineBinary() {
  return process.env.MOCKROOM_BINARY || join(REPO, 'build/bin/mockroom');
}

export function webDir() {
  return process.env.MOCKROOM_WEB_DIR || join(REPO, 'web/dist');
}

// The engine's plugins and the test-only ones (tests/plugins: a slow streaming LLM, ...).
function pluginDirs() {
  return [process.env.MOCKROOM_PLUGIN_DIR || join(REPO, 'build/plugins'),
    process.env.MOCKROOM_TEST_PLUGIN_DIR || join(REPO, 'build/test-plugins')];
}

// A plugin folder holding both kinds, so a config may `use` a test plugin.
function linkPlugins(into) {
  mkdirSync(into);
  for (const dir of pluginDirs()) {
    if (!existsSync(dir)) throw new Error(`No plugins in ${dir}: run scripts/build`);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.so'))) symlinkSync(join(dir, name), join(into, name));
  }
}

// Fails early with what to do when the pieces are not built.
export function checkPrerequisites() {
  if (!existsSync(engineBinary())) throw new Error(`No engine at ${engineBinary()}: run scripts/build`);
  if (!existsSync(join(webDir(), 'index.html'))) throw new Error(`No web client in ${webDir()}: run scripts/build-web`);
}

class Engine {
  constructor(dataDir, configPath) {
    this.dataDir = dataDir;
    this.configPath = configPath;
    this.port = 0;
    this.child = null;
    this.log = '';
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  // Starts `mockroom serve`; on the same port as before when restarting.
  async launch() {
    const args = ['serve', '--host', '127.0.0.1', '--port', String(this.port), '--data-dir', this.dataDir,
      '--config', this.configPath];
    const child = spawn(engineBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    const port = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`mockroom did not start within ${START_TIMEOUT_MS} ms:\n${this.log}`)), START_TIMEOUT_MS);
      const onData = (chunk) => {
        this.log += chunk.toString();
        const m = this.log.match(LISTENING);
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`mockroom exited with status ${code} before listening:\n${this.log}`));
      });
    });
    this.port = port;
    return this;
  }

  // SIGTERM and wait (SIGKILL after a while).
  async kill() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  async restart() {
    await this.kill();
    await this.launch();
  }

  async stop() {
    await this.kill();
    if (!process.env.MOCKROOM_KEEP_TEST_DATA) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // JSON over HTTP, as a client of the engine's API. Returns {status, body, headers}.
  async request(method, path, { body, token } = {}) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async login(email, password = PASSWORD) {
    const r = await this.request('POST', '/api/auth/login', { body: { email, password } });
    if (r.status !== 200) throw new Error(`login of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  }

  // A user with a role: 'candidate' (the default) signs up through the API; 'admin' is
  // made with `mockroom admin create` on this engine's data directory. Returns
  // {email, password, name, role, token}. walkthroughSeen (default true) marks the
  // first-time tour as seen, so pages open straight away.
  async createUser({ role = 'candidate', name = 'Ada Lovelace', email, walkthroughSeen = true } = {}) {
    userCounter += 1;
    const address = email || `${role}-${process.pid}-${userCounter}@example.com`;
    if (role === 'admin') {
      await run(engineBinary(), ['admin', 'create', '--email', address, '--password', PASSWORD, '--name', name,
        '--data-dir', this.dataDir, '--config', this.configPath]);
    } else if (role === 'candidate') {
      const r = await this.request('POST', '/api/auth/register', { body: { email: address, password: PASSWORD, name } });
      if (r.status !== 201) throw new Error(`sign-up failed: ${r.status} ${JSON.stringify(r.body)}`);
    } else if (role === 'coach' || role === 'operator') {
      // Staff roles are granted by an admin through the admin API, as in production.
      const r = await this.request('POST', '/api/auth/register', { body: { email: address, password: PASSWORD, name } });
      if (r.status !== 201) throw new Error(`sign-up failed: ${r.status} ${JSON.stringify(r.body)}`);
      const token = await this.login(address);
      const me = await this.request('GET', '/api/me', { token });
      const admin = await this.staffAdmin();
      const granted = await this.request('PUT', `/api/admin/users/${me.body.user.id}/role`, { token: admin.token, body: { role } });
      if (granted.status !== 200) throw new Error(`granting ${role} failed: ${granted.status} ${JSON.stringify(granted.body)}`);
    } else {
      throw new Error(`createUser: unknown role '${role}'`);
    }
    const token = await this.login(address);
    if (walkthroughSeen) {
      await this.request('PUT', '/api/me/walkthrough', { token, body: { outcome: 'skipped', step: 1 } });
    }
    return { email: address, password: PASSWORD, name, role, token };
  }

  // The admin that grants staff roles, made on first use.
  async staffAdmin() {
    if (!this.grantingAdmin) this.grantingAdmin = await this.createUser({ role: 'admin', name: 'Role Granter' });
    return this.grantingAdmin;
  }

  // Runs a whole interview for `user` over the API (answers reused in turn) and waits for
  // its report: data for pages that show past interviews. Returns the interview id.
  async runInterview(user, setup = { format: 'behavioral', questionCount: 5 }, answers = DEFAULT_ANSWERS) {
    const created = await this.request('POST', '/api/interviews', { token: user.token, body: setup });
    if (created.status !== 201) throw new Error(`cannot start ${JSON.stringify(setup)}: ${JSON.stringify(created.body)}`);
    const { id } = created.body;
    let question = created.body.currentQuestion;
    for (let turn = 0; question && turn < MAX_TURNS; turn += 1) {
      const r = await this.request('POST', `/api/interviews/${id}/answer`, {
        token: user.token, body: { questionId: question.id, answer: answers[turn % answers.length] },
      });
      if (r.status !== 200) throw new Error(`answer failed: ${r.status} ${JSON.stringify(r.body)}`);
      question = r.body.nextQuestion;
    }
    const report = await this.request('GET', `/api/interviews/${id}/report`, { token: user.token });
    if (report.status !== 200) throw new Error(`no report for ${id}: ${JSON.stringify(report.body)}`);
    return id;
  }
}

const MAX_TURNS = 60;
const DEFAULT_ANSWERS = [
  'I led a migration of our billing service to a new database. First I mapped the risks, then I ran both systems side by side '
    + 'for two weeks. As a result we switched with zero downtime and cut costs by 30 percent.',
  'When a teammate and I disagreed on an API design, I wrote down both options with their trade-offs and we tested each '
    + 'with a prototype. We chose the simpler one and shipped a week early.',
];

// config: extra engine config merged over {webDir, billing}; testPlugins: the test-only plugins
// may be chosen in config (e.g. {plugins: {llm: {use: 'streaming_llm', config: {delayMs}}}}).
// Resolves once the engine listens.
export async function startEngine({ config = {}, testPlugins = false } = {}) {
  checkPrerequisites();
  const dataDir = mkdtempSync(join(tmpdir(), 'mockroom-e2e-'));
  const configPath = join(dataDir, 'config.json');
  // Candidates start as many interviews as the tests need: no weekly free limit (billing).
  const base = { webDir: webDir(), billing: { defaultTier: 'unlimited' } };
  if (testPlugins) {
    base.pluginDir = join(dataDir, 'plugins');
    linkPlugins(base.pluginDir);
  }
  writeFileSync(configPath, JSON.stringify({ ...base, ...config }, null, 2));
  const engine = new Engine(dataDir, configPath);
  try {
    await engine.launch();
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return engine;
}
