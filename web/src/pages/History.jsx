// Past interviews with filters (format, status, company style, dates, score, text); each
// leads to its report, or back into the room while it can go on.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { Link } from '../lib/router.jsx';
import { formatDate, hireTone, label, statusTone } from '../lib/format.js';
import { interviewHref, isLive } from '../lib/interviews.js';
import { Badge, ErrorMessage, Field, Loading, PageHeading } from '../components/ui.jsx';

const STATUSES = ['completed', 'ended', 'in_progress', 'paused', 'failed'];
const COMPANIES = ['amazon-style', 'google-style', 'meta-style', 'startup-style'];
const EMPTY = { format: '', status: '', company: '', from: '', to: '', minScore: '', q: '' };

// Dates from the date inputs are the person's local days: send their bounds in ms.
function query(filters) {
  const params = new URLSearchParams();
  Object.entries(filters).forEach(([key, value]) => {
    if (value === '' || value === null) return;
    if (key === 'from') params.set('from', String(new Date(`${value}T00:00:00`).getTime()));
    else if (key === 'to') params.set('to', String(new Date(`${value}T23:59:59.999`).getTime()));
    else params.set(key, value);
  });
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function History() {
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const formats = useLoad(() => api('/formats'), []);
  const list = useLoad(() => api(`/interviews${query(filters)}`), [filters]);
  const set = (key) => (e) => setDraft({ ...draft, [key]: e.currentTarget.value });
  const apply = (e) => { e.preventDefault(); setFilters(draft); };
  const clear = () => { setDraft(EMPTY); setFilters(EMPTY); };
  const items = list.data?.interviews || [];
  const filtered = Object.values(filters).some((v) => v !== '');

  return (
    <>
      <PageHeading title="Your interviews" subtitle="Every interview you started, newest first." />
      <form class="card" onSubmit={apply} aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter</h2>
        <div class="grid three">
          <Field label="Search">{(p) => <input {...p} type="text" value={draft.q} onInput={set('q')} placeholder="Title or role" />}</Field>
          <Field label="Interview type">
            {(p) => (
              <select {...p} value={draft.format} onChange={set('format')}>
                <option value="">All types</option>
                {(formats.data?.formats || []).map((f) => <option key={f.id} value={f.id}>{f.title}</option>)}
              </select>
            )}
          </Field>
          <Field label="Status">
            {(p) => (
              <select {...p} value={draft.status} onChange={set('status')}>
                <option value="">Any status</option>
                {STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
              </select>
            )}
          </Field>
          <Field label="Company style">
            {(p) => (
              <select {...p} value={draft.company} onChange={set('company')}>
                <option value="">Any</option>
                {COMPANIES.map((c) => <option key={c} value={c}>{label(c)}</option>)}
              </select>
            )}
          </Field>
          <Field label="From">{(p) => <input {...p} type="date" value={draft.from} onInput={set('from')} />}</Field>
          <Field label="To">{(p) => <input {...p} type="date" value={draft.to} onInput={set('to')} />}</Field>
          <Field label="Lowest score" hint="0 to 100">{(p) => <input {...p} type="number" min="0" max="100" value={draft.minScore} onInput={set('minScore')} />}</Field>
        </div>
        <div class="row">
          <button type="submit" class="btn">Apply filters</button>
          {filtered && <button type="button" class="btn quiet" onClick={clear}>Clear filters</button>}
        </div>
      </form>

      <section class="card" aria-labelledby="results-heading" style={{ marginTop: '1rem' }}>
        <h2 id="results-heading">Results</h2>
        <ErrorMessage error={list.error} doing="load your interviews" onRetry={list.reload} />
        {list.loading && <Loading />}
        <div role="status" class="muted small">{!list.loading && list.data ? `${items.length} interview${items.length === 1 ? '' : 's'}${filtered ? ' match' : ''}.` : ''}</div>
        {!list.loading && items.length === 0 && (
          <p>{filtered ? 'No interviews match these filters.' : <>No interviews yet. <Link href="/new">Start your first one</Link>.</>}</p>
        )}
        {items.length > 0 && (
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Your interviews">
            <table class="data">
              <caption class="visually-hidden">Your interviews</caption>
              <thead>
                <tr><th scope="col">Date</th><th scope="col">Interview</th><th scope="col">Company</th><th scope="col">Status</th><th scope="col">Score</th><th scope="col"><span class="visually-hidden">Open</span></th></tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDate(item.createdAt)}</td>
                    <td>{item.formatTitle}{item.setup?.role ? <div class="muted small">{item.setup.role}{item.setup.roleLevel ? `, ${label(item.setup.roleLevel)}` : ''}</div> : null}</td>
                    <td>{item.setup?.company && item.setup.company !== 'none' ? label(item.setup.company) : '–'}</td>
                    <td><Badge tone={statusTone(item.status)}>{label(item.status)}</Badge></td>
                    <td>{item.summary ? <>{Math.round(item.summary.overallScore)} <Badge tone={hireTone(item.summary.hireSignal)}>{item.summary.hireSignal}</Badge></> : '–'}</td>
                    <td><Link href={interviewHref(item)} aria-label={`${isLive(item) ? 'Continue' : 'Open the report of'} ${item.formatTitle} from ${formatDate(item.createdAt)}`}>{isLive(item) ? 'Continue' : 'Report'}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
