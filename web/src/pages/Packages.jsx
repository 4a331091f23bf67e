// Weekend prep packages: a plan of mock interviews valid Friday evening to Sunday night in
// the candidate's time zone, with a summary and a practice plan at the end.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { Link, navigate } from '../lib/router.jsx';
import { useAccount } from '../lib/store.js';
import { hireTone, label, statusTone } from '../lib/format.js';
import { Badge, ErrorMessage, Field, Loading, PageHeading } from '../components/ui.jsx';
import { TierList } from '../components/Plan.jsx';
import { loadPlan, loadTiers, packageCovered, tierPrice } from '../lib/billing.js';

const COMPANIES = ['none', 'amazon-style', 'google-style', 'meta-style', 'startup-style'];
const LEVELS = ['entry', 'mid', 'senior', 'staff'];

function stateTone(state) {
  return state === 'open' ? 'good' : state === 'closed' ? 'warn' : '';
}

// Said before the candidate fills in the form: without the Weekend package the engine
// refuses a plan (402).
function PackageAccess() {
  const access = useLoad(async () => {
    const [account, tiers] = await Promise.all([loadPlan(), loadTiers()]);
    return { covered: packageCovered(account, tiers), weekend: tiers.find((t) => t.kind === 'package') };
  }, []);
  if (!access.data || access.data.covered) return null;
  const { weekend } = access.data;
  return (
    <div class="alert warn plan-notice">
      <div class="alert-body">
        <p><strong>A weekend prep plan comes with the {weekend ? weekend.name : 'Weekend package'}</strong>
          {weekend ? ` (${tierPrice(weekend)}), which includes its sessions.` : '.'} Your plan does not include one yet.</p>
        <TierList collapsed />
      </div>
    </div>
  );
}

function CreatePackage({ onCreated }) {
  const { onboarding } = useAccount();
  const profile = onboarding?.profile || {};
  const [form, setForm] = useState({
    company: 'none', role: profile.role || 'Software Engineer', roleLevel: profile.level || 'mid',
  });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api('/packages', { method: 'POST', body: { timezone, ...form } });
      onCreated(created);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <p class="muted small">The plan runs from Friday 18:00 to Sunday 23:59 in your time zone ({timezone}).</p>
      <div class="grid three">
        <Field label="Company style">
          {(p) => <select {...p} value={form.company} onChange={set('company')}>{COMPANIES.map((c) => <option key={c} value={c}>{label(c)}</option>)}</select>}
        </Field>
        <Field label="Role">{(p) => <input {...p} type="text" maxLength={80} value={form.role} onInput={set('role')} />}</Field>
        <Field label="Level">
          {(p) => <select {...p} value={form.roleLevel} onChange={set('roleLevel')}>{LEVELS.map((l) => <option key={l} value={l}>{label(l)}</option>)}</select>}
        </Field>
      </div>
      <ErrorMessage error={error} doing="create the weekend plan" />
      <button type="submit" class="btn" disabled={busy}>{busy ? 'Creating…' : 'Create my weekend plan'}</button>
    </form>
  );
}

export function Packages() {
  const list = useLoad(() => api('/packages'), []);
  const packages = list.data?.packages || [];
  return (
    <>
      <PageHeading title="Weekend prep" subtitle="Three or four full mocks over one weekend, a resume and behavioral session, and a practice plan at the end." />
      <section class="card" aria-labelledby="new-heading">
        <h2 id="new-heading">Plan a weekend</h2>
        <PackageAccess />
        <CreatePackage onCreated={(p) => navigate(`/packages/${encodeURIComponent(p.id)}`)} />
      </section>
      <section class="card" aria-labelledby="yours-heading">
        <h2 id="yours-heading">Your plans</h2>
        {list.loading && <Loading />}
        <ErrorMessage error={list.error} doing="load your plans" onRetry={list.reload} />
        {list.data && packages.length === 0 && <p class="muted">No weekend plans yet.</p>}
        <ul class="list">
          {packages.map((p) => (
            <li key={p.id}>
              <Link class="title" href={`/packages/${encodeURIComponent(p.id)}`}>{p.window.startsLocal} to {p.window.endsLocal}</Link>
              <Badge tone={stateTone(p.state)}>{label(p.state)}</Badge>
              <span class="muted small">{p.progress.completed} of {p.progress.total} done</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function PackageDetail({ id }) {
  const pkg = useLoad(() => api(`/packages/${encodeURIComponent(id)}`), [id]);
  const [starting, setStarting] = useState(null);
  const [error, setError] = useState(null);
  const start = async (item) => {
    setStarting(item.key);
    setError(null);
    try {
      const created = await api(`/packages/${encodeURIComponent(id)}/sessions`, { method: 'POST', body: { item: item.key } });
      navigate(`/interview/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e);
      setStarting(null);
    }
  };
  const p = pkg.data;
  return (
    <>
      <PageHeading title="Your weekend plan" subtitle={p ? `${p.window.startsLocal} to ${p.window.endsLocal} (${p.timezone})` : undefined} />
      {pkg.loading && <Loading />}
      <ErrorMessage error={pkg.error} doing="load this plan" onRetry={pkg.reload} />
      <ErrorMessage error={error} doing="start this session" />
      {p && (
        <div class="stack">
          {p.state === 'upcoming' && <div class="alert info"><div class="alert-body"><p>The plan opens on {p.window.startsLocal}. You can start its sessions from then until {p.window.endsLocal}.</p></div></div>}
          {p.state === 'closed' && <div class="alert warn"><div class="alert-body"><p>This weekend is over: its sessions can no longer be started.</p></div></div>}
          <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">The plan ({p.progress.completed} of {p.progress.total} done)</h2>
            <ul class="list">
              {p.plan.map((item) => (
                <li key={item.key}>
                  <div style={{ flex: '1 1 14rem' }}>
                    <span class="title">{item.title}</span>
                    <div class="muted small">{item.suggestedFor}</div>
                  </div>
                  {item.session?.summary && <Badge tone={hireTone(item.session.summary.hireSignal)}>{Math.round(item.session.summary.overallScore)} · {item.session.summary.hireSignal}</Badge>}
                  <Badge tone={statusTone(item.status)}>{label(item.status)}</Badge>
                  {item.session
                    ? <Link class="btn small secondary" href={item.session.status === 'in_progress' || item.session.status === 'paused' ? `/interview/${encodeURIComponent(item.session.id)}` : `/interview/${encodeURIComponent(item.session.id)}/report`}>
                        {item.session.status === 'in_progress' || item.session.status === 'paused' ? 'Continue' : 'Report'}
                      </Link>
                    : <button type="button" class="btn small" disabled={p.state !== 'open' || starting !== null} onClick={() => start(item)}>
                        {starting === item.key ? 'Starting…' : 'Start'}
                      </button>}
                </li>
              ))}
            </ul>
          </section>
          {p.summary && (
            <section class="card" aria-labelledby="summary-heading">
              <h2 id="summary-heading">Weekend summary</h2>
              {p.summary.sessionsScored === 0 ? <p>{p.summary.message}</p> : (
                <>
                  <p>Average score <strong>{p.summary.averageScore}</strong> over {p.summary.sessionsScored} sessions. Strongest: {p.summary.strongest}. Needs work: {p.summary.weakest}.</p>
                  <h3>Your practice plan</h3>
                  <ul>{(p.summary.practicePlan || []).map((step, i) => <li key={i}><strong>{step.focus}:</strong> {step.action}</li>)}</ul>
                </>
              )}
            </section>
          )}
        </div>
      )}
    </>
  );
}
