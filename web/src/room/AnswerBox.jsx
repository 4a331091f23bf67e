// The large answer box: the draft is kept in this browser per question, Ctrl+Enter sends,
// an empty answer is explained, and an answer the server refused comes back to be sent again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { readDraft, writeDraft } from './useInterview.js';
import { ErrorMessage, useId } from '../components/ui.jsx';

export function AnswerBox({ interviewId, question, disabled, onSend, failed, clearFailed, error, code }) {
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
