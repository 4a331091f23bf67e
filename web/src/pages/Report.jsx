// The feedback report: overall score dial and hire signal, category bars with quoted
// evidence, coding criteria, timestamped notes, strengths, improvements, the next step,
// practice recommendations, retake, export, the transcript, and the rating.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { Link } from '../lib/router.jsx';
import { clock, formatDate, formatDateTime, hireTone, label, sentence, statusText } from '../lib/format.js';
import { retakeSetup, startInterview } from '../lib/interviews.js';
import { Badge, ErrorMessage, Loading, PageHeading } from '../components/ui.jsx';
import { ScoreDial } from '../report/ScoreDial.jsx';
import { TierList } from '../components/Plan.jsx';
import { Rating } from '../report/Rating.jsx';

const POLL_MS = 1500;
const POLL_LIMIT = 60;

// The report, waiting while it is still being scored (409).
function useReport(id) {
  const [state, setState] = useState({ report: null, error: null, waiting: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let timer = null;
    let cancelled = false;
    let tries = 0;
    const fetchIt = () => {
      api(`/interviews/${encodeURIComponent(id)}/report`).then((report) => {
        if (!cancelled) setState({ report, error: null, waiting: false });
      }).catch((error) => {
        if (cancelled) return;
        if (error.status === 409 && tries < POLL_LIMIT) {
          tries += 1;
          setState({ report: null, error: null, waiting: true, notFinished: error.message });
          timer = setTimeout(fetchIt, POLL_MS);
        } else {
          setState({ report: null, error, waiting: false });
        }
      });
    };
    fetchIt();
    return () => { cancelled = true; clearTimeout(timer); };
  }, [id, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

function text(entry) {
  return typeof entry === 'string' ? entry : entry?.text || '';
}

function Category({ category }) {
  const assessed = category.assessed !== false && category.score !== null && category.score !== undefined;
  return (
    <div class={`bar-row${assessed ? '' : ' unassessed'}`}>
      <div class="bar-label">
        <span>{category.name}{category.extra ? <span class="muted small" style={{ fontWeight: 500 }}> (not in the overall)</span> : null}</span>
        <span>{assessed ? `${Math.round(category.score)} / 100` : 'Not assessed'}</span>
      </div>
      {assessed && (
        <div class="bar-track" role="img" aria-label={`${category.name}: ${Math.round(category.score)} out of 100`}>
          <div class="bar-fill" style={{ width: `${Math.max(0, Math.min(100, category.score))}%` }} />
        </div>
      )}
      {category.explanation && <p class="small" style={{ margin: '.2rem 0' }}>{category.explanation}</p>}
      {(category.examples || []).map((ex, i) => (
        <div key={i}>
          {ex.quote && <blockquote class="evidence">“{ex.quote}”</blockquote>}
          {ex.note && <p class="muted small" style={{ margin: '0 0 .4rem' }}>{ex.note}</p>}
        </div>
      ))}
    </div>
  );
}

function CodingResults({ coding }) {
  return coding.map((problem) => (
    <div key={problem.problemId} style={{ marginBottom: '1rem' }}>
      <h3>{problem.title || label(problem.problemId)}</h3>
      <p class="small">
        {problem.attempted ? `${statusText(problem.verdict, 'Submitted')}: ${problem.passed ?? 0} of ${problem.total ?? 0} hidden tests passed.` : 'No code was submitted for this problem.'}
        {problem.statedComplexity ? ` You said it runs in ${problem.statedComplexity}.` : ''}
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`Coding criteria for ${problem.title || label(problem.problemId)}`}>
        <table class="data">
          <caption class="visually-hidden">Coding criteria for {problem.problemId}</caption>
          <thead><tr><th scope="col">Criterion</th><th scope="col">Weight</th><th scope="col">Score</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {(problem.criteria || []).map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.weight}%</td>
                <td>{Math.round(c.score)}</td>
                <td class="small">{(c.evidence || []).map((e, i) => <div key={i}>{e.quote ? <q>{e.quote}</q> : null} {e.note}</div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  ));
}

function Transcript({ id }) {
  const view = useLoad(() => api(`/interviews/${encodeURIComponent(id)}`), [id]);
  if (view.loading) return <Loading label="Loading the conversation…" />;
  if (view.error) return <ErrorMessage error={view.error} doing="load the conversation" onRetry={view.reload} />;
  return (
    <ol class="list" style={{ listStyle: 'none' }}>
      {view.data.transcript.filter((t) => t.text || t.code).map((t, i) => (
        <li key={i} style={{ display: 'block' }}>
          <span class="muted small">{clock(t.atSeconds || 0)} · {t.role === 'candidate' ? 'You' : 'Interviewer'}</span>
          {t.text && <p style={{ margin: '.15rem 0', whiteSpace: 'pre-wrap' }}>{t.text}</p>}
          {t.code && t.code.source && <pre class="code">{t.code.source}</pre>}
        </li>
      ))}
    </ol>
  );
}

function Comparison({ id, report }) {
  const progress = useLoad(() => api('/progress'), [id]);
  const trend = progress.data?.trend || [];
  const index = trend.findIndex((t) => t.sessionId === id);
  if (index <= 0) return null;
  const previous = trend[index - 1];
  const change = Math.round(report.overallScore - previous.overallScore);
  return (
    <p class="small">
      {change === 0 ? 'The same score as' : change > 0 ? `Up ${change} points from` : `Down ${-change} points from`} your previous interview
      ({previous.formatTitle}, {formatDate(previous.createdAt)}). <Link href="/progress">See your progress</Link>
    </p>
  );
}

export function Report({ id }) {
  const { report, error, waiting, notFinished, retry } = useReport(id);
  const session = useLoad(() => api(`/interviews/${encodeURIComponent(id)}`), [id]);
  const [retaking, setRetaking] = useState(false);
  const [retakeError, setRetakeError] = useState(null);
  const [showTranscript, setShowTranscript] = useState(false);
  const retake = async () => {
    setRetaking(true);
    setRetakeError(null);
    try {
      await startInterview(retakeSetup(session.data.format, session.data.setup));
    } catch (e) {
      setRetakeError(e);
      setRetaking(false);
    }
  };

  const exportBase = `/api/interviews/${encodeURIComponent(id)}/report/export`;
  return (
    <>
      <PageHeading title="Your feedback report" subtitle={session.data ? `${label(session.data.format)} interview, ${formatDateTime(session.data.createdAt)}` : undefined}>
        {report && !report.basic && (
          <>
            <a class="btn secondary small" href={`${exportBase}?format=html`} target="_blank" rel="noopener">Open printable report<span class="visually-hidden"> (opens in a new tab)</span></a>
            <a class="btn secondary small" href={`${exportBase}?format=markdown`} download>Download as Markdown</a>
          </>
        )}
        {report && <button type="button" class="btn small" onClick={retake} disabled={retaking || !session.data}>{retaking ? 'Starting…' : 'Retake this interview'}</button>}
      </PageHeading>
      <ErrorMessage error={retakeError} doing="start the retake" />
      {waiting && (
        <div class="card">
          <Loading label={notFinished && /progress|paused/.test(notFinished) ? 'This interview is not finished yet.' : 'Scoring your interview… this takes a few seconds.'} />
          {notFinished && /progress|paused/.test(notFinished) && <Link class="btn" href={`/interview/${encodeURIComponent(id)}`}>Go back to the interview</Link>}
        </div>
      )}
      {error && (
        <ErrorMessage error={error} doing="load your report" onRetry={retry}>
          {error.status === 409 && <p><Link href={`/interview/${encodeURIComponent(id)}`}>Open the interview</Link> to finish it first.</p>}
        </ErrorMessage>
      )}
      {report && (
        <div class="stack">
          <section class="card report-head" aria-labelledby="overall-heading">
            <ScoreDial score={report.overallScore} />
            <div>
              <h2 id="overall-heading">Overall: <Badge tone={hireTone(report.hireSignal)}>{report.hireSignal}</Badge></h2>
              {report.summary && <p>{report.summary}</p>}
              {report.nextStep && <div class="alert info" style={{ marginBottom: 0 }}><div class="alert-body"><p><strong>Your next step:</strong> {report.nextStep}</p></div></div>}
              <Comparison id={id} report={report} />
            </div>
          </section>

          {!report.basic && <div class="grid two" style={{ alignItems: 'start' }}>
            <section class="card" aria-labelledby="strengths-heading">
              <h2 id="strengths-heading">Strengths</h2>
              {(report.strengths || []).length ? <ul>{report.strengths.map((s, i) => <li key={i}>{text(s)}</li>)}</ul> : <p class="muted">None stood out this time.</p>}
            </section>
            <section class="card" aria-labelledby="improve-heading">
              <h2 id="improve-heading">Areas to improve</h2>
              {(report.improvements || []).length ? <ul>{report.improvements.map((s, i) => <li key={i}>{text(s)}</li>)}</ul> : <p class="muted">Nothing major.</p>}
            </section>
          </div>}

          <section class="card" aria-labelledby="categories-heading">
            <h2 id="categories-heading">Scores by category</h2>
            <div class="bars">
              {(report.categories || []).map((c) => <Category key={c.name} category={c} />)}
            </div>
          </section>

          {report.basic && (
            <section class="card" aria-labelledby="basic-heading">
              <h2 id="basic-heading">This is the basic report</h2>
              <p>{report.upgrade || 'The full report comes with Premium or a mock interview credit.'}</p>
              <TierList />
            </section>
          )}

          {report.coding && report.coding.length > 0 && (
            <section class="card" aria-labelledby="coding-heading">
              <h2 id="coding-heading">Coding</h2>
              <CodingResults coding={report.coding} />
            </section>
          )}

          {report.notes && report.notes.length > 0 && (
            <section class="card" aria-labelledby="notes-heading">
              <h2 id="notes-heading">Moments worth looking back at</h2>
              <ul class="notes">
                {report.notes.map((n, i) => (
                  <li key={i}><time>{clock(n.atSeconds || 0)}</time><span>{n.text}</span></li>
                ))}
              </ul>
            </section>
          )}

          {report.practice && report.practice.length > 0 && (
            <section class="card" aria-labelledby="practice-heading">
              <h2 id="practice-heading">Practise these again</h2>
              <ul class="list">
                {report.practice.map((p) => (
                  <li key={p.questionId || p.bankId} style={{ display: 'block' }}>
                    <p style={{ margin: 0 }}><strong>{p.question}</strong></p>
                    <p class="muted small" style={{ margin: '.2rem 0' }}>
                      {sentence(p.reason)} {p.redoAt ? `It comes back in your interviews from ${formatDate(p.redoAt)}.` : ''}
                    </p>
                    {p.related && p.related.length > 0 && (
                      <details><summary class="small">Related questions</summary>
                        <ul class="small">{p.related.map((r) => <li key={r.id}>{r.text}</li>)}</ul>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <Rating id={id} />

          <section class="card" aria-labelledby="transcript-heading">
            <div class="row">
              <h2 id="transcript-heading" style={{ margin: 0 }}>Transcript and code</h2>
              <span class="spacer" />
              <button type="button" class="btn secondary small" aria-expanded={showTranscript} aria-controls="transcript-body"
                onClick={() => setShowTranscript(!showTranscript)}>{showTranscript ? 'Hide' : 'Show'}</button>
            </div>
            <div id="transcript-body" hidden={!showTranscript} style={{ marginTop: '.75rem' }}>
              {showTranscript && <Transcript id={id} />}
            </div>
          </section>
        </div>
      )}
    </>
  );
}
