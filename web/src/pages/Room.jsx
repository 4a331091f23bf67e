// The interview room: the question, the conversation with the interviewer's reply
// streaming in, a large answer box, the timer and progress, pause and resume, ending
// early, and the code editor for coding problems.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useInterval, useLoad } from '../lib/hooks.js';
import { Link, navigate } from '../lib/router.jsx';
import { clock, label, spokenDuration, statusText } from '../lib/format.js';
import { readDraft, useInterview, writeDraft } from '../room/useInterview.js';
import { CodePanel } from '../room/CodePanel.jsx';
import { ConfirmDialog } from '../components/ConfirmDialog.jsx';
import { ErrorMessage, Loading, useId } from '../components/ui.jsx';
import { RichText } from '../components/RichText.jsx';

const LOW_TIME_SECONDS = 120;

let formatsCache = null;
function formatTitles() {
  if (!formatsCache) {
    formatsCache = api('/formats').then((r) => Object.fromEntries(r.formats.map((f) => [f.id, f.title]))).catch(() => {
      formatsCache = null;
      return {};
    });
  }
  return formatsCache;
}

function useRemaining(timer, running) {
  const [, tick] = useState(0);
  useInterval(() => tick((n) => n + 1), running ? 1000 : null);
  if (!timer) return { total: null, section: null };
  const elapsed = running ? (Date.now() - timer.at) / 1000 : 0;
  const sectionElapsed = running ? (Date.now() - (timer.sectionAt || timer.at)) / 1000 : 0;
  return {
    total: timer.remaining !== undefined ? Math.max(0, timer.remaining - elapsed) : null,
    section: timer.sectionRemaining !== null && timer.sectionRemaining !== undefined ? Math.max(0, timer.sectionRemaining - sectionElapsed) : null,
  };
}

function QuestionCard({ question, problem }) {
  if (!question) return null;
  const eyebrow = question.isFollowUp ? `Follow-up to question ${question.number}` : `Question ${question.number} of ${question.totalQuestions}`;
  return (
    <section class="question-card" aria-labelledby="current-question">
      <div class="eyebrow" id="current-question">{eyebrow}{question.step ? ` · ${label(question.step)}` : ''}</div>
      <p class="text">{question.text}</p>
      {problem && problem.statement && (
        <details class="problem" open>
          <summary><strong>{problem.title || 'The problem'}</strong></summary>
          <div class="problem-body" tabIndex={0} role="region" aria-label={`Problem statement: ${problem.title || 'the problem'}`}>
            <RichText text={problem.statement} />
            {(problem.examples || []).map((ex, i) => (
              <div key={i}>
                <div class="label small">Example {i + 1}</div>
                <div class="grid two" style={{ gap: '.5rem' }}>
                  <div><span class="muted small">Input</span><pre class="code">{ex.input}</pre></div>
                  <div><span class="muted small">Output</span><pre class="code">{ex.output}</pre></div>
                </div>
                {ex.explanation && <p class="small muted">{ex.explanation}</p>}
              </div>
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function ChatItem({ item }) {
  if (item.kind === 'code_run') {
    return <div class="msg system"><div class="bubble">You ran your code: {statusText(item.status, 'finished')}.</div></div>;
  }
  if (item.kind === 'code_submit') {
    return <div class="msg system"><div class="bubble">You submitted: {statusText(item.verdict)}, {item.passed} of {item.total} tests passed.</div></div>;
  }
  const who = item.role === 'candidate' ? 'You' : 'Interviewer';
  const cls = `msg ${item.role === 'candidate' ? 'candidate' : 'interviewer'}${item.kind === 'question' ? ' question' : ''}`;
  return (
    <div class={cls}>
      <span class="who">{who}{item.pending ? ' · sending…' : ''}</span>
      <div class="bubble">{item.text}</div>
      {item.code && item.code.source && <pre class="code" aria-label="Code sent with this answer">{item.code.source}</pre>}
    </div>
  );
}

function Chat({ chat, streaming, thinking }) {
  const box = useRef(null);
  const stick = useRef(true);
  useEffect(() => {
    if (box.current && stick.current) box.current.scrollTop = box.current.scrollHeight;
  }, [chat.length, streaming, thinking]);
  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  };
  return (
    <div class="chat" ref={box} onScroll={onScroll} role="log" aria-label="Conversation" tabIndex={0}>
      {chat.map((item) => <ChatItem key={item.key} item={item} />)}
      {streaming && (
        <div class="msg interviewer" aria-hidden="true">
          <span class="who">Interviewer</span>
          <div class="bubble">{streaming}</div>
        </div>
      )}
    </div>
  );
}

// While a reply is prepared: a quiet "replying" at once, and "AI thinking…" once it has
// taken over 3 s (the server says so with a second "thinking" frame; the local clock
// covers a frame that never came).
const THINKING_AFTER_MS = 3000;

function ThinkingStatus({ thinking, streaming, onInterrupt }) {
  const waiting = thinking !== null && thinking !== undefined && !streaming;
  const replying = waiting || !!streaming;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!waiting) {
      setSlow(false);
      return undefined;
    }
    if (thinking >= THINKING_AFTER_MS) setSlow(true);
    const timer = setTimeout(() => setSlow(true), Math.max(0, THINKING_AFTER_MS - thinking));
    return () => clearTimeout(timer);
  }, [waiting, thinking]);
  return (
    <div class="row" style={{ minHeight: '2.25rem', marginTop: '.5rem' }}>
      <div role="status" class="small">
        {waiting && (
          <span class="thinking">
            <span class="dots" aria-hidden="true"><span /><span /><span /></span>
            {slow ? 'AI thinking…' : 'The interviewer is replying…'}
          </span>
        )}
      </div>
      {replying && onInterrupt && (
        <button type="button" class="btn quiet small" onClick={onInterrupt}>Stop the reply</button>
      )}
    </div>
  );
}

function AnswerBox({ interviewId, question, disabled, onSend, failed, clearFailed, error, code }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(null);
  const area = useRef(null);
  const id = useId('answer');
  const qid = question?.id;

  useEffect(() => { setText(readDraft(interviewId, qid)); setProblem(null); }, [interviewId, qid]);
  useEffect(() => {
    if (failed) {
      setText(failed.text);
      clearFailed();
      area.current?.focus();
    }
  }, [failed]);

  const update = (value) => {
    setText(value);
    writeDraft(interviewId, qid, value);
    if (problem && value.trim()) setProblem(null);
  };
  const send = (event) => {
    event?.preventDefault();
    if (disabled) return;
    if (!text.trim() && !(code && code.source && code.source.trim())) {
      setProblem('Write an answer first. If you want to skip this question, say so in a few words.');
      area.current?.focus();
      return;
    }
    onSend(text.trim());
    setText('');
    writeDraft(interviewId, qid, '');
  };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send(event);
  };
  return (
    <form class="answer-box" onSubmit={send}>
      <label for={id} class="label">Your answer</label>
      <p class="muted small" id={`${id}-hint`} style={{ margin: '.15rem 0 .5rem' }}>Press Ctrl+Enter to send. Your draft is kept if you leave the page.</p>
      {error && <ErrorMessage error={error} doing="send your answer" />}
      <textarea id={id} ref={area} value={text} onInput={(e) => update(e.currentTarget.value)} onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`} aria-invalid={problem ? 'true' : undefined} disabled={!question} />
      {problem && <p class="error-text" id={`${id}-problem`} role="alert" style={{ color: 'var(--bad)', margin: '.4rem 0 0' }}>{problem}</p>}
      <div class="row" style={{ marginTop: '.6rem' }}>
        {code && code.source && <span class="muted small">Your code in the editor is sent with the answer.</span>}
        <span class="spacer" />
        <button type="submit" class="btn" disabled={disabled || !question}>Send answer</button>
      </div>
    </form>
  );
}

function Finished({ id, status, reportReady }) {
  const heading = useRef(null);
  useEffect(() => { heading.current?.focus(); }, []);
  return (
    <section class="card center" aria-labelledby="finished-heading" style={{ padding: '2rem 1rem' }}>
      <h2 id="finished-heading" tabIndex={-1} ref={heading}>{status === 'completed' ? 'That is the end of the interview' : 'You ended the interview'}</h2>
      <p>{reportReady ? 'Your feedback report is ready.' : 'Your feedback report is being prepared. It takes a few seconds.'}</p>
      <Link class="btn" href={`/interview/${encodeURIComponent(id)}/report`}>See your report</Link>
    </section>
  );
}

export function Room({ id }) {
  const { state, sendAnswer, control, snapshotCode, interrupt, reload, dismissNotice, clearFailed } = useInterview(id);
  const [titles, setTitles] = useState({});
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [busy, setBusy] = useState(null);
  const [controlError, setControlError] = useState(null);
  const [code, setCode] = useState(null);
  const health = useLoad(() => api('/health'), []);
  const { view, status, question, problem } = state;
  const running = status === 'in_progress';
  const remaining = useRemaining(state.timer, running);

  useEffect(() => { formatTitles().then(setTitles); }, []);
  const title = view ? (titles[view.format] || label(view.format)) : 'Interview';
  useEffect(() => { document.title = `${title} · Mockroom`; }, [title]);

  const act = async (action, doing) => {
    setBusy(action);
    setControlError(null);
    try {
      await control(action);
      if (action === 'end') navigate(`/interview/${encodeURIComponent(id)}/report`);
    } catch (e) {
      setControlError({ error: e, doing });
    } finally {
      setBusy(null);
      if (action === 'end') setConfirmEnd(false);
    }
  };

  if (state.loading) return <Loading label="Opening your interview…" />;
  if (state.loadError && !view) {
    return (
      <>
        <h1 tabIndex={-1}>Interview</h1>
        <ErrorMessage error={state.loadError} doing="open this interview" onRetry={reload} />
        <Link href="/">Back to your dashboard</Link>
      </>
    );
  }

  const finished = status === 'completed' || status === 'ended' || status === 'failed';
  const paused = status === 'paused';
  const withCode = !!problem && !finished;
  const runnerActive = !!health.data?.providers?.runner;
  const progress = question ? Math.min(100, Math.round(((question.number - 1) / Math.max(1, question.totalQuestions)) * 100)) : 100;
  const low = remaining.total !== null && remaining.total < LOW_TIME_SECONDS;

  return (
    <>
      <h1 class="visually-hidden" tabIndex={-1}>{title}</h1>
      <div class="room-bar">
        <span class="title" aria-hidden="true">{title}</span>
        {question && (
          <div class="progress">
            <span class="small"><strong>Question {question.number} of {question.totalQuestions}</strong></span>
            <div class="progress-track" role="progressbar" aria-label="Interview progress" aria-valuemin={0} aria-valuemax={question.totalQuestions}
              aria-valuenow={question.number - 1} aria-valuetext={`Question ${question.number} of ${question.totalQuestions}`}>
              <div class="progress-fill" style={{ width: `${progress}%` }} />
            </div>
          </div>
        )}
        {remaining.total !== null && !finished && (
          <span class={`timer${low ? ' low' : ''}`}>
            <span aria-hidden="true">{clock(remaining.total)} left</span>
            <span class="visually-hidden">{spokenDuration(remaining.total)} left</span>
            {state.timer?.section && remaining.section !== null && Math.abs(remaining.section - remaining.total) > 5 && (
              <span class="muted small" style={{ fontWeight: 500 }}> · {label(state.timer.section)} {clock(remaining.section)}</span>
            )}
            {paused && <span class="muted small"> (stopped)</span>}
          </span>
        )}
        <span class={`conn${state.conn === 'open' ? '' : ' down'}`} role="status">
          <span class="dot" aria-hidden="true" />
          {state.conn === 'open' ? 'Connected' : state.conn === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
        <span class="spacer" />
        {!finished && (
          <div class="row">
            {paused
              ? <button type="button" class="btn small" onClick={() => act('resume', 'resume the interview')} disabled={busy !== null}>{busy === 'resume' ? 'Resuming…' : 'Resume'}</button>
              : <button type="button" class="btn small secondary" onClick={() => act('pause', 'pause the interview')} disabled={busy !== null}>{busy === 'pause' ? 'Pausing…' : 'Pause'}</button>}
            <button type="button" class="btn small danger" onClick={() => setConfirmEnd(true)} disabled={busy !== null}>End interview</button>
          </div>
        )}
      </div>

      {state.conn === 'reconnecting' && (
        <div class="alert warn"><div class="alert-body"><p><strong>The connection dropped.</strong> We are reconnecting; your answers are safe and the interview continues where it was.</p></div></div>
      )}
      {controlError && <ErrorMessage error={controlError.error} doing={controlError.doing} />}
      {state.notice && (
        <div class="alert error" role="alert">
          <div class="alert-body"><p>{state.notice.message}</p></div>
          <button type="button" class="btn small secondary" onClick={dismissNotice}>Dismiss</button>
        </div>
      )}

      {finished ? (
        <div class="stack">
          <Finished id={id} status={status} reportReady={state.reportReady} />
          <section class="card" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">Conversation</h2>
            <Chat chat={state.chat} streaming={state.streaming} thinking={null} />
          </section>
        </div>
      ) : paused ? (
        <section class="card paused-panel" aria-labelledby="paused-heading">
          <h2 id="paused-heading">The interview is paused</h2>
          <p>The timer has stopped. Take your time: you can resume now, or come back later from your dashboard.</p>
          <button type="button" class="btn" onClick={() => act('resume', 'resume the interview')} disabled={busy !== null}>{busy === 'resume' ? 'Resuming…' : 'Resume the interview'}</button>
        </section>
      ) : (
        <div class={`room${withCode ? ' with-code' : ''}`}>
          <div class="stack">
            <QuestionCard question={question} problem={problem} />
            <Chat chat={state.chat} streaming={state.streaming} thinking={state.thinking} />
            <ThinkingStatus thinking={state.thinking} streaming={state.streaming}
              onInterrupt={state.conn === 'open' ? interrupt : null} />
            <AnswerBox interviewId={id} question={question} disabled={!running || state.pending !== null}
              onSend={(text) => sendAnswer(text, withCode && code && code.source ? code : undefined)}
              failed={state.failedAnswer} clearFailed={clearFailed} error={state.answerError}
              code={withCode ? code : null} />
          </div>
          {withCode && (
            <div>
              {health.data && !runnerActive && (
                <div class="alert warn"><div class="alert-body"><p><strong>Running code is not available on this server right now.</strong> Write your solution in the editor and send it with your answer; the interviewer reads it.</p></div></div>
              )}
              <CodePanel interviewId={id} problem={problem} defaultLanguage={view?.setup?.language} disabled={!running}
                canSubmit={!!question && question.kind === 'coding' && !!question.problem}
                onSnapshot={snapshotCode} onCodeChange={setCode} />
            </div>
          )}
        </div>
      )}

      <ConfirmDialog open={confirmEnd} title="End the interview now?" confirmLabel={busy === 'end' ? 'Ending…' : 'End and see my report'}
        cancelLabel="Keep going" busy={busy === 'end'} onCancel={() => setConfirmEnd(false)} onConfirm={() => act('end', 'end the interview')}>
        <p>Your report will cover the answers you have given so far. You cannot continue this interview afterwards.</p>
      </ConfirmDialog>
    </>
  );
}
