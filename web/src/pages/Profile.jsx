// The candidate's profile: goals from onboarding (role, level, target companies, weak
// areas, time until interviews), resume, their own questions, and the walkthrough again.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { navigate } from '../lib/router.jsx';
import { useAccount } from '../lib/store.js';
import { saveProfile } from '../lib/account.js';
import { formatDate, label } from '../lib/format.js';
import { ErrorMessage, Field, PageHeading } from '../components/ui.jsx';
import { ResumeUpload } from '../components/ResumeUpload.jsx';

const LEVELS = ['entry', 'mid', 'senior', 'staff'];
const TIMELINES = ['this_week', 'within_a_month', 'within_three_months', 'exploring'];
const AREAS = ['Communication', 'Problem Solving', 'Algorithm Reasoning', 'Coding', 'System design', 'Behavioral stories', 'Confidence', 'Technical knowledge'];

function GoalsForm({ profile }) {
  const [form, setForm] = useState({
    role: profile?.role || '',
    level: profile?.level || '',
    companies: (profile?.targetCompanies || []).join(', '),
    weakAreas: profile?.weakAreas || [],
    interviewTimeline: profile?.interviewTimeline || '',
  });
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });
  const toggleArea = (area) => (e) => {
    const next = e.currentTarget.checked ? [...form.weakAreas, area] : form.weakAreas.filter((a) => a !== area);
    setForm({ ...form, weakAreas: next });
  };
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      await saveProfile({
        role: form.role.trim(),
        level: form.level,
        targetCompanies: form.companies.split(',').map((c) => c.trim()).filter(Boolean),
        weakAreas: form.weakAreas,
        interviewTimeline: form.interviewTimeline,
      });
      setSaved('Saved. New interviews start from these goals.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const customAreas = form.weakAreas.filter((a) => !AREAS.includes(a));
  return (
    <form onSubmit={submit} noValidate>
      <Field label="Role you are preparing for" hint="For example: Backend engineer, Data analyst.">
        {(p) => <input {...p} type="text" maxLength={80} value={form.role} onInput={set('role')} />}
      </Field>
      <Field label="Level">
        {(p) => (
          <select {...p} value={form.level} onChange={set('level')}>
            <option value="">Not set</option>
            {LEVELS.map((l) => <option key={l} value={l}>{label(l)}</option>)}
          </select>
        )}
      </Field>
      <Field label="Target companies" hint="Separate them with commas, for example: Amazon, Stripe. Up to 10.">
        {(p) => <input {...p} type="text" value={form.companies} onInput={set('companies')} />}
      </Field>
      <fieldset>
        <legend class="label">Areas you want to work on</legend>
        <div class="choices" style={{ marginTop: '.35rem' }}>
          {[...AREAS, ...customAreas].map((area) => (
            <label class="choice" key={area}>
              <input type="checkbox" checked={form.weakAreas.includes(area)} onChange={toggleArea(area)} />
              {area}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend class="label">When are your interviews?</legend>
        <div class="choices" style={{ marginTop: '.35rem' }}>
          {TIMELINES.map((t) => (
            <label class="choice" key={t}>
              <input type="radio" name="timeline" value={t} checked={form.interviewTimeline === t} onChange={set('interviewTimeline')} />
              {label(t)}
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={error} doing="save your goals" />
      <div class="row">
        <button type="submit" class="btn" disabled={busy}>{busy ? 'Saving…' : 'Save goals'}</button>
        <span role="status" class="small">{saved}</span>
      </div>
    </form>
  );
}

function OwnQuestions() {
  const list = useLoad(() => api('/me/questions'), []);
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const add = async (event) => {
    event.preventDefault();
    const questions = text.split('\n').map((q) => q.trim()).filter(Boolean);
    if (!questions.length) return;
    setBusy(true);
    setError(null);
    try {
      await api('/me/questions', { method: 'POST', body: { questions } });
      setText('');
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const questions = list.data?.questions || [];
  return (
    <>
      <p class="muted small">Questions from a job posting or a recruiter. Behavioral interviews and weekend prep can include them.</p>
      {questions.length > 0 && <ul class="small">{questions.map((q) => <li key={q.id}>{q.text}</li>)}</ul>}
      <form onSubmit={add}>
        <Field label="Add questions" hint="One question per line.">
          {(p) => <textarea {...p} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <ErrorMessage error={error} doing="add your questions" />
        <button type="submit" class="btn secondary" disabled={busy || !text.trim()}>{busy ? 'Adding…' : 'Add questions'}</button>
      </form>
    </>
  );
}

export function Profile() {
  const { user, onboarding } = useAccount();
  return (
    <>
      <PageHeading title="Your profile" subtitle={`${user.name} · ${user.email} · member since ${formatDate(user.createdAt * 1000)}`} />
      <div class="grid two" style={{ alignItems: 'start' }}>
        <section class="card" aria-labelledby="goals-heading">
          <h2 id="goals-heading">Your goals</h2>
          <GoalsForm profile={onboarding?.profile} />
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="resume-heading">
            <h2 id="resume-heading">Resume</h2>
            <ResumeUpload />
          </section>
          <section class="card" aria-labelledby="own-heading">
            <h2 id="own-heading">Your own questions</h2>
            <OwnQuestions />
          </section>
          <section class="card" aria-labelledby="tour-heading">
            <h2 id="tour-heading">The tour</h2>
            <p class="muted small">See the three-step introduction to Mockroom again.</p>
            <button type="button" class="btn secondary" onClick={() => navigate('/welcome?next=/profile')}>Show the tour again</button>
          </section>
        </div>
      </div>
    </>
  );
}
