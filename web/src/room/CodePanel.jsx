// The coding side of the room: the problem's editor (CodeMirror, loaded on first use),
// Run with the candidate's own input, Submit against the hidden tests, and the output
// with the verdict and each test's result. Code is kept in this browser per problem and
// language, and sent to the interviewer as snapshots while the candidate types.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { readLocal, writeLocal } from '../lib/account.js';
import { ErrorMessage, useId } from '../components/ui.jsx';
import { statusText } from '../lib/format.js';

const LANGUAGE_NAMES = { python: 'Python', cpp: 'C++', javascript: 'JavaScript' };
const SNAPSHOT_AFTER_MS = 4000;

function accepted(verdict) {
  return statusText(verdict) === 'Accepted';
}

function RunOutput({ result }) {
  const status = statusText(result.status);
  return (
    <div class="output" tabIndex={0} aria-label="Run output">
      <div><span class="label">Result:</span> {status}{result.time ? ` · ${result.time} s` : ''}{result.memory ? ` · ${Math.round(result.memory / 1024)} MB` : ''}</div>
      {result.compile_output && <><div class="label">Compiler</div>{result.compile_output}</>}
      <div class="label">Output</div>{result.stdout || '(nothing printed)'}
      {result.stderr && <><div class="label">Errors</div>{result.stderr}</>}
    </div>
  );
}

function SubmitOutput({ result }) {
  return (
    <div>
      <p style={{ margin: '0 0 .3rem' }}>
        <strong>{statusText(result.verdict)}</strong>: {result.passed} of {result.total} hidden tests passed.
      </p>
      <ul class="tests" aria-label="Hidden test results">
        {(result.tests || []).map((t) => (
          <li key={t.index} class={t.passed ? 'pass' : 'fail'}>
            Test {t.index}{t.large ? ' (large)' : ''}: {t.passed ? 'passed' : statusText(t.status, 'failed')}
          </li>
        ))}
      </ul>
      {result.compileOutput && <div class="output" style={{ marginTop: '.5rem' }}><div class="label">Compiler</div>{result.compileOutput}</div>}
    </div>
  );
}

export function CodePanel({ interviewId, problem, defaultLanguage, disabled, canSubmit, onSnapshot, onCodeChange }) {
  const storeKey = `code:${interviewId}:${problem.questionId || problem.title}`;
  const saved = readLocal(storeKey, {});
  const [language, setLanguage] = useState(saved.language || defaultLanguage || 'python');
  const [stdin, setStdin] = useState(saved.stdin ?? (problem.examples?.[0]?.input || ''));
  const [busy, setBusy] = useState(null);
  const [run, setRun] = useState(null);
  const [submit, setSubmit] = useState(null);
  const [error, setError] = useState(null);
  const [editorFailed, setEditorFailed] = useState(null);
  const host = useRef(null);
  const editor = useRef(null);
  const drafts = useRef(saved.drafts || {});
  const snapshotTimer = useRef(null);
  const hintId = useId('editor-hint');
  const stdinId = useId('stdin');
  const langId = useId('lang');
  const submitHintId = useId('submit-hint');
  const languageRef = useRef(language);
  languageRef.current = language;
  const stdinRef = useRef(stdin);
  stdinRef.current = stdin;

  const codeFor = (lang) => drafts.current[lang] ?? problem.starter?.[lang] ?? '';
  const persist = (patch = {}) => writeLocal(storeKey, {
    language: languageRef.current, stdin: stdinRef.current, drafts: drafts.current, ...patch,
  });

  useEffect(() => {
    let cancelled = false;
    import('./codeEditor.js').then(({ createEditor }) => {
      if (cancelled || !host.current) return null;
      return createEditor(host.current, {
        code: codeFor(language),
        language,
        label: `Code editor, ${LANGUAGE_NAMES[language]}`,
        describedBy: hintId,
        onChange: (code) => {
          drafts.current = { ...drafts.current, [languageRef.current]: code };
          persist();
          onCodeChange({ language: languageRef.current, source: code });
          clearTimeout(snapshotTimer.current);
          snapshotTimer.current = setTimeout(() => onSnapshot(languageRef.current, code), SNAPSHOT_AFTER_MS);
        },
      });
    }).then((made) => {
      if (!made) return;
      if (cancelled) {
        made.destroy();
        return;
      }
      editor.current = made;
      onCodeChange({ language: languageRef.current, source: made.getCode() });
    }).catch((e) => setEditorFailed(e));
    return () => {
      cancelled = true;
      clearTimeout(snapshotTimer.current);
      editor.current?.destroy();
      editor.current = null;
    };
  }, [storeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const changeLanguage = (next) => {
    setLanguage(next);
    languageRef.current = next;
    if (editor.current) {
      editor.current.setLanguage(next);
      editor.current.setCode(codeFor(next));
    }
    persist({ language: next });
    onCodeChange({ language: next, source: codeFor(next) });
  };

  const code = () => (editor.current ? editor.current.getCode() : codeFor(language));

  const doRun = async () => {
    setBusy('run');
    setError(null);
    try {
      setRun(await api(`/interviews/${encodeURIComponent(interviewId)}/code/run`, { method: 'POST', body: { language, code: code(), stdin } }));
    } catch (e) {
      setError({ error: e, doing: 'run your code' });
    } finally {
      setBusy(null);
    }
  };

  const doSubmit = async () => {
    setBusy('submit');
    setError(null);
    try {
      setSubmit(await api(`/interviews/${encodeURIComponent(interviewId)}/code/submit`, { method: 'POST', body: { language, code: code() } }));
    } catch (e) {
      setError({ error: e, doing: 'check your code against the tests' });
    } finally {
      setBusy(null);
    }
  };

  const runnerDown = error && error.error.status === 503;
  const announcement = busy === 'run' ? 'Running your code…' : busy === 'submit' ? 'Checking your code against the hidden tests…'
    : submit ? `Submitted: ${statusText(submit.verdict)}, ${submit.passed} of ${submit.total} tests passed.`
    : run ? `Run finished: ${statusText(run.status, 'done')}.` : '';

  return (
    <section class="card code-panel" aria-labelledby="code-heading">
      <div class="row">
        <h2 id="code-heading" style={{ margin: 0 }}>{problem.title || 'Your code'}</h2>
        <span class="spacer" />
        <label class="visually-hidden" for={langId}>Language</label>
        <select id={langId} value={language} onChange={(e) => changeLanguage(e.currentTarget.value)} style={{ width: 'auto' }} disabled={disabled}>
          {Object.entries(LANGUAGE_NAMES).map(([key, name]) => <option key={key} value={key}>{name}</option>)}
        </select>
      </div>
      <p class="muted small" id={hintId} style={{ margin: 0 }}>Tab indents. To leave the editor with the keyboard, press Esc, then Tab.</p>
      {editorFailed
        ? <ErrorMessage error={editorFailed} doing="load the code editor" onRetry={() => window.location.reload()} retryLabel="Reload the page" />
        : <div class="editor-host" ref={host} />}
      <div class="field" style={{ marginBottom: 0 }}>
        <label for={stdinId}>Custom input for Run</label>
        <textarea id={stdinId} rows={3} value={stdin} style={{ fontFamily: 'var(--mono)', minHeight: '4.5rem' }}
          onInput={(e) => { setStdin(e.currentTarget.value); persist({ stdin: e.currentTarget.value }); }} />
      </div>
      <div class="row">
        <button type="button" class="btn secondary" onClick={doRun} disabled={disabled || busy !== null}>{busy === 'run' ? 'Running…' : 'Run'}</button>
        <button type="button" class="btn" onClick={doSubmit} disabled={disabled || !canSubmit || busy !== null}
          aria-describedby={canSubmit ? undefined : submitHintId}>{busy === 'submit' ? 'Checking…' : 'Submit'}</button>
      </div>
      {!canSubmit && !disabled && <p class="muted small" id={submitHintId} style={{ margin: 0 }}>Submit opens when the interviewer asks for your code; Run works any time.</p>}
      <div class="visually-hidden" role="status">{announcement}</div>
      {error && (
        <ErrorMessage error={error.error} doing={error.doing}>
          {runnerDown && <p>You can still write your solution here and send it with your answer: the interviewer reads it.</p>}
        </ErrorMessage>
      )}
      {submit && <div class={`alert ${accepted(submit.verdict) ? 'success' : 'warn'}`}><div class="alert-body"><SubmitOutput result={submit} /></div></div>}
      {run && <RunOutput result={run} />}
    </section>
  );
}
