// The question bank: search (FTS5) and filter, edit an entry as JSON (hidden tests and the
// reference solution included), retire and restore, import with a preview of every row, export.
import { useState } from 'preact/hooks';

import { api, download, query } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, useAction, useLoad, when } from '../components.jsx';
import { CodeEditor } from '../editor.jsx';

const KINDS = ['behavioral', 'technical', 'coding', 'system_design', 'case_study'];
const BLANK = { id: '', kind: 'behavioral', competency: '', levels: ['mid'], difficulty: 'medium', industries: ['general'],
                text: '', concepts: [], hints: [], referencePoints: [] };

function QuestionEditor({ id, onSaved, onClose }) {
  const creating = !id;
  const [loaded] = useLoad(() => (creating ? Promise.resolve(null) : api.get(`/api/admin/questions/${id}`)), [id]);
  const [bank, setBank] = useState(null);
  const [text, setText] = useState(null);
  const action = useAction();
  const [saved, setSaved] = useState(null);
  if (!creating && !loaded) return <Loading what="the question" />;
  const currentBank = bank ?? (loaded ? loaded.bank : 'coach');
  const currentText = text ?? JSON.stringify(loaded ? loaded.question : BLANK, null, 2);
  const save = () => action.run(async () => {
    let question;
    try {
      question = JSON.parse(currentText);
    } catch {
      throw new Error('The question is not valid JSON.');
    }
    const result = creating
      ? await api.post('/api/admin/questions', { bank: currentBank, question })
      : await api.put(`/api/admin/questions/${id}`, { bank: currentBank, question });
    setSaved(result);
    onSaved(result.id);
  });
  const retire = (retired) => action.run(async () => {
    const result = await api.post(`/api/admin/questions/${id}/${retired ? 'retire' : 'restore'}`);
    setSaved(result);
    onSaved(result.id);
  });
  const state = saved || loaded;
  return (
    <section class="card" aria-label="question editor">
      <h3>{creating ? 'New question' : id} {state && <Badge>{state.origin}</Badge>} {state && state.retired && <Badge tone="warn">retired</Badge>}</h3>
      {state && state.updatedAt && <p class="muted">Last changed {when(state.updatedAt)}</p>}
      <Field label="Bank"><input value={currentBank} onInput={(e) => setBank(e.target.value)} name="bank" /></Field>
      <CodeEditor language="json" value={currentText} onChange={setText} label="question JSON" />
      <p class="muted">A coding problem is saved only when its reference solution passes all its hidden tests on the code runner.</p>
      <div class="row">
        <button onClick={save} disabled={action.busy}>{creating ? 'Create' : 'Save'}</button>
        {!creating && state && (state.retired
          ? <button class="secondary" onClick={() => retire(false)} disabled={action.busy}>Restore</button>
          : <button class="secondary" onClick={() => retire(true)} disabled={action.busy}>Retire</button>)}
        <button class="link" onClick={onClose}>Close</button>
      </div>
      <ErrorNote error={action.error} />
      {saved && <Notice kind="good">Saved {saved.id}.</Notice>}
    </section>
  );
}

function Import({ onCommitted }) {
  const [format, setFormat] = useState('csv');
  const [content, setContent] = useState('');
  const [bank, setBank] = useState('coach');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState(null);
  const action = useAction();
  const readFile = async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    setFormat(file.name.endsWith('.json') ? 'json' : 'csv');
    setContent(await file.text());
    setResult(null);
  };
  const run = (commit) => action.run(async () => {
    const r = await api.post('/api/admin/questions/import', { format, content, bank, commit, skipInvalid });
    setResult(r);
    if (r.committed) onCommitted();
  });
  return (
    <section class="card" aria-label="import questions">
      <h3>Import</h3>
      <div class="row">
        <Field label="File"><input type="file" accept=".csv,.json" onChange={readFile} name="file" /></Field>
        <Field label="Format">
          <select value={format} onChange={(e) => setFormat(e.target.value)} name="format">
            <option value="csv">CSV</option><option value="json">JSON</option>
          </select>
        </Field>
        <Field label="Default bank"><input value={bank} onInput={(e) => setBank(e.target.value)} name="import-bank" /></Field>
      </div>
      <Field label="Or paste" hint="CSV columns: bank, id, kind, competency, difficulty, levels, industries, tags, text, concepts, hints, referencePoints, extra (lists separated by |)">
        <textarea rows="6" class="mono" value={content} onInput={(e) => { setContent(e.target.value); setResult(null); }} name="content" />
      </Field>
      <div class="row">
        <button onClick={() => run(false)} disabled={action.busy || !content}>Preview</button>
        <label class="check"><input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Skip invalid rows</label>
        <button onClick={() => run(true)} disabled={action.busy || !result || (result.counts.invalid > 0 && !skipInvalid)}>Import</button>
      </div>
      <ErrorNote error={action.error} />
      {result && (
        <div>
          <p>
            <Badge tone="good">{result.counts.create} new</Badge> <Badge>{result.counts.update} updated</Badge>{' '}
            <Badge tone={result.counts.invalid ? 'bad' : 'neutral'}>{result.counts.invalid} invalid</Badge>
            {result.committed && <strong> — {result.saved} saved</strong>}
          </p>
          <table class="preview">
            <thead><tr><th>Row</th><th>Id</th><th>Bank</th><th>Action</th><th>Problems</th></tr></thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.row} class={r.action === 'invalid' ? 'invalid' : ''}>
                  <td>{r.row}</td><td>{r.id || '—'}</td><td>{r.bank}</td><td>{r.action}</td>
                  <td class="wrap">{r.errors.join('; ')}{r.reference && ` (reference passes ${r.reference.passed}/${r.reference.total})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Questions() {
  const [filters, setFilters] = useState({ q: '', kind: '', bank: '', status: 'active', offset: 0 });
  const [selected, setSelected] = useState(undefined);  // undefined: none, null: new
  const [importing, setImporting] = useState(false);
  const [data, error, reload] = useLoad(() => api.get(`/api/admin/questions${query({ ...filters, limit: 50 })}`), [JSON.stringify(filters)]);
  const exporting = useAction();
  const set = (key, value) => setFilters({ ...filters, [key]: value, offset: 0 });
  const exportQuery = query({ q: filters.q, kind: filters.kind, bank: filters.bank, status: filters.status });
  return (
    <div>
      <div class="row">
        <Field label="Search"><input type="search" value={filters.q} placeholder="words in the question" onInput={(e) => set('q', e.target.value)} name="q" /></Field>
        <Field label="Kind">
          <select value={filters.kind} onChange={(e) => set('kind', e.target.value)} name="kind">
            <option value="">any</option>
            {KINDS.map((k) => <option value={k} key={k}>{k}</option>)}
          </select>
        </Field>
        <Field label="Bank">
          <select value={filters.bank} onChange={(e) => set('bank', e.target.value)} name="bank-filter">
            <option value="">any</option>
            {data && data.banks.map((b) => <option value={b} key={b}>{b}</option>)}
          </select>
        </Field>
        <Field label="Status">
          <select value={filters.status} onChange={(e) => set('status', e.target.value)} name="status">
            <option value="active">active</option><option value="retired">retired</option><option value="all">all</option>
          </select>
        </Field>
      </div>
      <div class="row">
        <button onClick={() => setSelected(null)}>New question</button>
        <button class="secondary" onClick={() => setImporting(!importing)}>{importing ? 'Hide import' : 'Import…'}</button>
        <button class="secondary" onClick={() => exporting.run(() => download(`/api/admin/questions/export${exportQuery}${exportQuery ? '&' : '?'}format=json`, 'questions.json'))}>Export JSON</button>
        <button class="secondary" onClick={() => exporting.run(() => download(`/api/admin/questions/export${exportQuery}${exportQuery ? '&' : '?'}format=csv`, 'questions.csv'))}>Export CSV</button>
      </div>
      <ErrorNote error={error || exporting.error} />
      {importing && <Import onCommitted={reload} />}
      {selected !== undefined && (
        <QuestionEditor key={selected || 'new'} id={selected} onSaved={(id) => { setSelected(id); reload(); }} onClose={() => setSelected(undefined)} />
      )}
      {!data && !error && <Loading what="questions" />}
      {data && (
        <div class="scroll">
          <p class="muted">{data.total} questions</p>
          <table>
            <thead><tr><th>Id</th><th>Question</th><th>Kind</th><th>Bank</th><th>Level</th><th>Difficulty</th><th>Origin</th></tr></thead>
            <tbody>
              {data.questions.map((q) => (
                <tr key={q.id} class={q.retired ? 'retired' : ''}>
                  <td><button class="link" onClick={() => setSelected(q.id)}>{q.id}</button></td>
                  <td class="wrap">{q.title ? <strong>{q.title}: </strong> : null}{q.text}</td>
                  <td>{q.kind}</td><td>{q.bank}</td><td>{q.levels.join(', ')}</td><td>{q.difficulty}</td>
                  <td>{q.origin}{q.retired ? ' (retired)' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            {filters.offset > 0 && <button class="secondary" onClick={() => setFilters({ ...filters, offset: Math.max(0, filters.offset - 50) })}>Previous</button>}
            {filters.offset + 50 < data.total && <button class="secondary" onClick={() => setFilters({ ...filters, offset: filters.offset + 50 })}>Next</button>}
          </div>
        </div>
      )}
    </div>
  );
}
