// Interview scripts: edit a format's Lua, validate it (problems marked at their lines),
// rehearse it against sample answers, and publish it as a new version.
import { useRef, useState } from 'preact/hooks';

import { api } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, useAction, useLoad, when } from '../components.jsx';
import { CodeEditor, focusLine } from '../editor.jsx';

const SAMPLE_ANSWERS = [
  'In my last role I owned the migration of our billing service to a queue. I mapped the risks, wrote a rollback plan and moved traffic in stages; latency fell by 30 percent with no incidents.',
  'I would clarify the inputs first, then use a hash map for linear time, and test the empty input, duplicates and the largest case.',
].join('\n');

const NEW_SCRIPT = `interview {
  id = "my_format", title = "My interview", kind = "behavioral", minutes = 30,
  rubric = "behavioral",
  options = { questionCount = options.questions(3, 1, 6) },
}

function run(ctx)
  greet(ctx, { "Hi %s, let's begin." })
  plan_questions(ctx.questionCount)
  discuss_all(pick(ctx, { kind = "behavioral", count = ctx.questionCount }))
  return close()
end
`;

function Transcript({ rehearsal }) {
  return (
    <div class="transcript" aria-label="rehearsal transcript">
      <p>
        Status <Badge tone={rehearsal.ok ? 'good' : 'bad'}>{rehearsal.status}</Badge> after {rehearsal.answersGiven} answers
        {rehearsal.report && <> — report {rehearsal.report.overallScore}/100, {rehearsal.report.hireSignal}</>}
      </p>
      <ol>
        {(rehearsal.transcript || []).map((t, i) => (
          <li key={i} class={t.role === 'candidate' ? 'candidate' : 'interviewer'}>
            <strong>{t.role === 'candidate' ? 'Candidate' : 'Interviewer'}:</strong> {t.text}
          </li>
        ))}
      </ol>
    </div>
  );
}

function ScriptEditor({ id, onPublished }) {
  const creating = id === null;
  const [loaded, loadError] = useLoad(() => (creating ? Promise.resolve(null) : api.get(`/api/admin/formats/${id}`)), [id]);
  const [source, setSource] = useState(null);
  const [answers, setAnswers] = useState(SAMPLE_ANSWERS);
  const [problems, setProblems] = useState([]);
  const [checked, setChecked] = useState(null);
  const [rehearsal, setRehearsal] = useState(null);
  const [published, setPublished] = useState(null);
  const action = useAction();
  const box = useRef(null);
  if (loadError) return <ErrorNote error={loadError} />;
  if (!creating && !loaded) return <Loading what="the script" />;
  const text = source ?? (loaded ? loaded.source : NEW_SCRIPT);
  const declared = (/\bid\s*=\s*"([a-z0-9_-]+)"/.exec(text) || [])[1] || '';
  const validate = () => action.run(async () => {
    const result = await api.post('/api/admin/formats/validate', { source: text });
    setChecked(result);
    setProblems(result.problems);
  });
  const rehearse = () => action.run(async () => {
    const list = answers.split('\n').map((a) => a.trim()).filter(Boolean);
    const result = await api.post('/api/admin/formats/rehearse', { source: text, answers: list });
    setRehearsal(result);
    setProblems(result.problems || []);
  });
  const publish = () => action.run(async () => {
    const result = await api.post('/api/admin/formats', { id: declared, source: text });
    setPublished(result);
    onPublished(result.id);
  });
  return (
    <section class="card" aria-label="script editor">
      <h3>{creating ? 'New script' : id} {loaded && <Badge>{loaded.origin}</Badge>}</h3>
      {loaded && <p class="muted">Version <code>{loaded.version.slice(0, 12)}</code>{loaded.history[0] && `, published ${when(loaded.history[0].publishedAt)}`}</p>}
      <div ref={box}>
        <CodeEditor language="lua" value={text} onChange={setSource} problems={problems} label="Lua script" minHeight="22rem" />
      </div>
      {problems.length > 0 && (
        <ul class="problems" aria-label="problems">
          {problems.map((p, i) => (
            <li key={i}>
              {p.line ? <button class="link" onClick={() => focusLine(box.current, p.line)}>line {p.line}</button> : 'script'}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {checked && checked.ok && problems.length === 0 && <Notice kind="good">No problems: {checked.title} is ready to publish.</Notice>}
      <Field label="Sample answers (one per line)"><textarea rows="3" value={answers} onInput={(e) => setAnswers(e.target.value)} name="answers" /></Field>
      <div class="row">
        <button onClick={validate} disabled={action.busy}>Validate</button>
        <button class="secondary" onClick={rehearse} disabled={action.busy}>Rehearse</button>
        <button onClick={publish} disabled={action.busy || !declared}>Publish {declared}</button>
      </div>
      <ErrorNote error={action.error} />
      {published && (
        <Notice kind="good">
          Published {published.id} version {published.version.slice(0, 12)}{published.unchanged ? ' (unchanged)' : ''}: new sessions use it;
          running sessions keep the version they began with.
        </Notice>
      )}
      {rehearsal && <Transcript rehearsal={rehearsal} />}
    </section>
  );
}

export function Scripts() {
  const [data, error, reload] = useLoad(() => api.get('/api/admin/formats'));
  const [selected, setSelected] = useState(undefined);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="formats" />;
  return (
    <div>
      <button onClick={() => setSelected(null)}>New script</button>
      <div class="scroll">
        <table>
          <thead><tr><th>Format</th><th>Kind</th><th>Version</th><th>Origin</th><th>Published</th></tr></thead>
          <tbody>
            {data.formats.map((f) => (
              <tr key={f.id}>
                <td><button class="link" onClick={() => setSelected(f.id)}>{f.title}</button> <small class="muted">{f.id}</small></td>
                <td>{f.kind}</td><td><code>{f.version.slice(0, 12)}</code></td><td>{f.origin}</td><td>{when(f.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected !== undefined && <ScriptEditor key={selected || 'new'} id={selected} onPublished={reload} />}
    </div>
  );
}
