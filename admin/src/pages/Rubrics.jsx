// Rubrics: categories with weights that must sum to 100 %, level descriptions and hire
// thresholds; tried on a sample answer before saving a new version.
import { useState } from 'preact/hooks';

import { api } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, useAction, useLoad, when } from '../components.jsx';

const LEVELS = ['strong', 'meets', 'below'];

function Trial({ rubric }) {
  const [question, setQuestion] = useState('Tell me about a time you disagreed with your manager.');
  const [answer, setAnswer] = useState('');
  const [reference, setReference] = useState('');
  const [result, setResult] = useState(null);
  const action = useAction();
  const run = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { question, answer, rubric };
      if (reference) body.referenceAnswer = reference;
      setResult(await api.post('/api/admin/scoring/evaluate', body));
    });
  };
  return (
    <form class="card" onSubmit={run} aria-label="try on a sample answer">
      <h3>Try on a sample answer</h3>
      <Field label="Question"><input value={question} onInput={(e) => setQuestion(e.target.value)} name="trial-question" /></Field>
      <Field label="Answer"><textarea rows="4" value={answer} onInput={(e) => setAnswer(e.target.value)} name="trial-answer" required /></Field>
      <Field label="What a good answer says (optional)"><textarea rows="2" value={reference} onInput={(e) => setReference(e.target.value)} name="trial-reference" /></Field>
      <button type="submit" disabled={action.busy}>Score it</button>
      <ErrorNote error={action.error} />
      {result && (
        <div class="trial">
          <p><strong>{result.score}</strong> / 100 — {result.hireSignal} <small class="muted">({result.scorer})</small></p>
          <table>
            <thead><tr><th>Criterion</th><th>Weight</th><th>Score</th><th>Why</th></tr></thead>
            <tbody>
              {result.criteria.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td><td>{c.weight ? `${c.weight} %` : 'extra'}</td><td>{c.score}</td>
                  <td class="wrap">{c.explanation}{c.evidence.map((e, i) => <blockquote key={i}>“{e.quote}”</blockquote>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}

function RubricEditor({ id, onSaved }) {
  const [loaded, error, reloadRubric] = useLoad(() => api.get(`/api/admin/rubrics/${id}`), [id]);
  const [draft, setDraft] = useState(null);
  const action = useAction();
  const [saved, setSaved] = useState(null);
  if (error) return <ErrorNote error={error} />;
  if (!loaded) return <Loading what="the rubric" />;
  const rubric = draft || loaded.rubric;
  const categories = rubric.categories || [];
  const total = categories.filter((c) => c.assessed).reduce((sum, c) => sum + (Number(c.weight) || 0), 0);
  const setCategory = (index, patch) => {
    const next = categories.map((c, i) => (i === index ? { ...c, ...patch } : c));
    setDraft({ ...rubric, categories: next });
  };
  const setThreshold = (key, value) => setDraft({ ...rubric, hireThresholds: { ...rubric.hireThresholds, [key]: Number(value) } });
  const save = () => action.run(async () => {
    const result = await api.put(`/api/admin/rubrics/${id}`, { rubric });
    setSaved(result);
    setDraft(null);
    reloadRubric();
    onSaved();
  });
  return (
    <div>
      <section class="card" aria-label="rubric editor">
        <h3>{rubric.title || id} <Badge>{loaded.origin}</Badge></h3>
        {loaded.history.length > 0 && <p class="muted">Version {loaded.history[0].version}, saved {when(loaded.history[0].createdAt)}</p>}
        <table class="categories">
          <thead><tr><th>Category</th><th>Assessed</th><th>Weight %</th>{LEVELS.map((l) => <th key={l}>{l}</th>)}</tr></thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c.name}>
                <td><strong>{c.name}</strong></td>
                <td><input type="checkbox" aria-label={`${c.name} assessed`} checked={c.assessed}
                           onChange={(e) => setCategory(i, { assessed: e.target.checked, weight: e.target.checked ? c.weight || 10 : 0 })} /></td>
                <td><input type="number" min="0" max="100" aria-label={`${c.name} weight`} value={c.weight} disabled={!c.assessed}
                           onInput={(e) => setCategory(i, { weight: Number(e.target.value) })} /></td>
                {LEVELS.map((level) => (
                  <td key={level}>
                    <textarea rows="3" aria-label={`${c.name} ${level}`} value={(c.levels || {})[level] || ''} disabled={!c.assessed}
                              onInput={(e) => setCategory(i, { levels: { ...(c.levels || {}), [level]: e.target.value } })} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p class={total === 100 ? 'good' : 'error'} role="status" data-weight-total={total}>
          Assessed weights sum to {total} %{total === 100 ? '' : ' — they must sum to 100 %'}
        </p>
        <div class="row">
          {['strongHire', 'hire', 'leanNoHire'].map((k) => (
            <Field label={k} key={k}><input type="number" min="1" max="100" value={(rubric.hireThresholds || {})[k]} onInput={(e) => setThreshold(k, e.target.value)} /></Field>
          ))}
        </div>
        <div class="row">
          <button onClick={save} disabled={action.busy || total !== 100}>Save as a new version</button>
          {draft && <button class="link" onClick={() => setDraft(null)}>Discard changes</button>}
        </div>
        <ErrorNote error={action.error} />
        {saved && <Notice kind="good">Saved version {saved.version}; reports made from now on use it.</Notice>}
      </section>
      <Trial rubric={rubric} />
    </div>
  );
}

export function Rubrics() {
  const [data, error, reload] = useLoad(() => api.get('/api/admin/rubrics'));
  const [selected, setSelected] = useState(null);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="rubrics" />;
  return (
    <div>
      <div class="scroll">
        <table>
          <thead><tr><th>Rubric</th><th>Used by</th><th>Origin</th><th>Saved</th></tr></thead>
          <tbody>
            {data.rubrics.map((r) => (
              <tr key={r.id} aria-selected={r.id === selected}>
                <td><button class="link" onClick={() => setSelected(r.id)}>{r.title}</button> <small class="muted">{r.id}</small></td>
                <td>{r.formats.join(', ') || '—'}</td>
                <td>{r.origin}{r.version ? ` v${r.version}` : ''}</td>
                <td>{when(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && <RubricEditor key={selected} id={selected} onSaved={reload} />}
    </div>
  );
}
