// The conversation: every message and question so far, the interviewer's reply as it
// streams in (hidden from screen readers until whole: the log then reads it once), and
// what is happening while a reply is prepared.
import { useEffect, useRef, useState } from 'preact/hooks';
import { statusText } from '../lib/format.js';

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
      <span class="who">{who}{item.spoken ? ' (spoken)' : ''}{item.pending ? ' · sending…' : ''}</span>
      <div class="bubble">{item.text}</div>
      {item.code && item.code.source && <pre class="code" aria-label="Code sent with this answer">{item.code.source}</pre>}
    </div>
  );
}

export function Chat({ chat, streaming, thinking }) {
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

export function ThinkingStatus({ thinking, streaming, onInterrupt }) {
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
