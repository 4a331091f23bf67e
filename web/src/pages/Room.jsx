// The interview room: the question, the conversation with the interviewer's reply
// streaming in, a large answer box, the timer and progress, pause and resume, ending
// early, and the code editor for coding problems.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useInterval, useLoad } from '../lib/hooks.js';
import { Link, navigate } from '../lib/router.jsx';
import { clock, label, spokenDuration } from '../lib/format.js';
import { useInterview } from '../room/useInterview.js';
import { CodePanel } from '../room/CodePanel.jsx';
import { QuestionCard } from '../room/QuestionCard.jsx';
import { Chat, ThinkingStatus } from '../room/Conversation.jsx';
import { AnswerBox } from '../room/AnswerBox.jsx';
import { VoiceControls } from '../room/VoiceControls.jsx';
import { ConfirmDialog } from '../components/ConfirmDialog.jsx';
import { ErrorMessage, Loading } from '../components/ui.jsx';

const LOW_TIME_SECONDS = 120;
// Moments the time left is said out loud to screen readers (seconds left).
const TIME_CALLOUTS = [300, 60];

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

function Finished({ id, status, reportReady }) {
  const heading = useRef(null);
  useEffect(() => { heading.current?.focus(); }, []);
  if (status === 'failed') {
    return (
      <section class="card center" aria-labelledby="finished-heading" style={{ padding: '2rem 1rem' }}>
        <h2 id="finished-heading" tabIndex={-1} ref={heading}>This interview could not go on</h2>
        <p>Something went wrong on the server. Every answer you gave is saved. You can start a new interview; if it keeps happening, tell your administrator.</p>
        <Link class="btn" href="/new">Start a new interview</Link>
      </section>
    );
  }
  return (
    <section class="card center" aria-labelledby="finished-heading" style={{ padding: '2rem 1rem' }}>
      <h2 id="finished-heading" tabIndex={-1} ref={heading}>{status === 'completed' ? 'That is the end of the interview' : 'You ended the interview'}</h2>
      <p>{reportReady ? 'Your feedback report is ready.' : 'Your feedback report is being prepared. It takes a few seconds.'}</p>
      <Link class="btn" href={`/interview/${encodeURIComponent(id)}/report`}>See your report</Link>
    </section>
  );
}

export function Room({ id }) {
  const { state, sendAnswer, control, snapshotCode, interrupt, follow, send, sendBinary, reload, dismissNotice, clearFailed } = useInterview(id);
  const [titles, setTitles] = useState({});
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [busy, setBusy] = useState(null);
  const [controlError, setControlError] = useState(null);
  const [code, setCode] = useState(null);
  const health = useLoad(() => api('/health'), []);
  const { view, status, question, problem } = state;
  const running = status === 'in_progress';
  const remaining = useRemaining(state.timer, running);

  const [timeNotice, setTimeNotice] = useState('');
  const calledOut = useRef(new Set());
  const handsFreeAfterPause = useRef(false);  // hands-free was on when the interview paused
  useEffect(() => {
    if (!running || remaining.total === null) return;
    for (const mark of TIME_CALLOUTS) {
      if (remaining.total <= mark && remaining.total > mark - 10 && !calledOut.current.has(mark)) {
        calledOut.current.add(mark);
        setTimeNotice(`${mark / 60} minute${mark === 60 ? '' : 's'} left in the interview.`);
      }
    }
  });

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

      <div class="visually-hidden" role="status">{timeNotice}</div>
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
            <VoiceControls follow={follow} send={send} sendBinary={sendBinary} conn={state.conn}
              running={running && state.pending === null} resumeHandsFree={handsFreeAfterPause} />
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
                canSubmit={question?.kind === 'coding'}
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
