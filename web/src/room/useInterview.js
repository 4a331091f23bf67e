// The interview room's state: the interview as the API last described it, brought up to
// date by the WebSocket's frames. Answers go over the socket when it is open and over
// REST otherwise; an answer not yet confirmed is kept (and sent again after a reconnect if
// the server never got it), and the typed draft survives a reload.
import { useCallback, useEffect, useReducer, useRef } from 'preact/hooks';
import { api } from '../lib/api.js';
import { InterviewSocket } from '../lib/socket.js';
import { readLocal, writeLocal } from '../lib/account.js';

let itemCounter = 0;
const nextKey = () => `item-${++itemCounter}`;

function fromTranscript(entry) {
  return { key: nextKey(), ...entry };
}

function questionItem(question) {
  return {
    key: nextKey(), role: 'interviewer', kind: 'question', text: question.text, questionId: question.id,
    number: question.number, isFollowUp: question.isFollowUp, step: question.step,
  };
}

function timerFrom(view) {
  if (!view || !view.timer) return null;
  const t = view.timer;
  return {
    remaining: t.remainingSeconds,
    section: t.section || null,
    sectionRemaining: t.sectionRemainingSeconds ?? null,
    at: Date.now(),
  };
}

const initial = {
  loading: true,
  loadError: null,
  view: null,
  status: null,
  question: null,
  problem: null,
  chat: [],
  streaming: null,
  thinking: null,
  conn: 'connecting',
  pending: null,
  answerError: null,
  notice: null,
  reportReady: false,
  timer: null,
};

// The coding problem on the table: a new coding question brings its problem; a new main
// question of another kind puts it away; later parts keep it.
function problemAfter(current, question) {
  if (!question) return current;
  if (question.problem) return { ...question.problem, questionId: question.id };
  if (!question.isFollowUp && !question.step && question.kind && question.kind !== 'coding') return null;
  return current;
}

function lastQuestionItem(chat) {
  for (let i = chat.length - 1; i >= 0; i -= 1) if (chat[i].kind === 'question') return chat[i];
  return null;
}

function reducer(state, action) {
  switch (action.type) {
    case 'loaded': {
      const { view } = action;
      const chat = (view.transcript || []).map(fromTranscript);
      let { pending } = state;
      // The answer we were sending: did the server get it? It did if the open question moved on.
      if (pending && (!view.currentQuestion || view.currentQuestion.id !== pending.questionId)) pending = null;
      if (pending) chat.push({ key: nextKey(), role: 'candidate', kind: 'answer', text: pending.text, pending: true });
      const problem = problemAfter(state.problem, view.currentQuestion);
      return {
        ...state, loading: false, loadError: null, view, status: view.status, question: view.currentQuestion,
        problem, chat, pending, streaming: null, thinking: null, timer: timerFrom(view),
        reportReady: state.reportReady || (view.summary !== null && view.summary !== undefined),
      };
    }
    case 'load-failed':
      return { ...state, loading: false, loadError: action.error };
    case 'timer':
      return { ...state, timer: timerFrom(action.view) };
    case 'conn':
      return { ...state, conn: action.conn };
    case 'sending':
      return {
        ...state, answerError: null, pending: action.pending,
        chat: [...state.chat, { key: nextKey(), role: 'candidate', kind: 'answer', text: action.pending.text, pending: true }],
      };
    case 'answer-failed': {
      const chat = state.chat.filter((item) => !item.pending);
      return { ...state, chat, pending: null, thinking: null, answerError: action.error, failedAnswer: state.pending };
    }
    case 'clear-failed':
      return { ...state, failedAnswer: null };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'status':
      return { ...state, status: action.status };
    case 'frame':
      return applyFrame(state, action.frame);
    default:
      return state;
  }
}

function confirmPending(state) {
  return { ...state, chat: state.chat.map((item) => (item.pending ? { ...item, pending: false } : item)) };
}

function applyFrame(state, frame) {
  switch (frame.type) {
    case 'status':
      return { ...state, status: frame.status, thinking: frame.status === 'in_progress' ? state.thinking : null };
    case 'question': {
      const q = frame.question;
      const last = lastQuestionItem(state.chat);
      const repeat = last && last.questionId === q.id && last.text === q.text;
      let next = { ...state, question: q, problem: problemAfter(state.problem, q), thinking: null, streaming: null };
      if (state.pending && state.pending.questionId !== q.id) next = { ...confirmPending(next), pending: null, delivered: state.pending };
      if (!repeat) next.chat = [...next.chat, questionItem(q)];
      return next;
    }
    case 'thinking':
      return { ...confirmPending(state), thinking: frame.elapsedMs || 0 };
    case 'token':
      return { ...state, thinking: null, streaming: (state.streaming || '') + frame.text };
    case 'message':
      return {
        ...confirmPending(state), streaming: null, thinking: null,
        chat: [...state.chat, { key: nextKey(), role: frame.role || 'interviewer', kind: 'message', text: frame.text }],
      };
    case 'section':
      return {
        ...state,
        timer: state.timer ? { ...state.timer, section: frame.name, sectionRemaining: frame.minutes * 60, sectionAt: Date.now() } : state.timer,
      };
    case 'report':
      return { ...state, reportReady: true };
    case 'error':
      if (state.pending) {
        return reducer(state, { type: 'answer-failed', error: { status: 409, code: frame.error?.code, message: frame.error?.message || 'The answer was not accepted' } });
      }
      return { ...state, notice: frame.error };
    default:
      return state;
  }
}

export function useInterview(id) {
  const [state, dispatch] = useReducer(reducer, initial);
  const socket = useRef(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(async () => {
    const view = await api(`/interviews/${encodeURIComponent(id)}`);
    dispatch({ type: 'loaded', view });
    return view;
  }, [id]);

  const resendIfLost = useCallback((view) => {
    const { pending } = stateRef.current;
    if (!pending || !view.currentQuestion || view.currentQuestion.id !== pending.questionId) return;
    const answered = (view.transcript || []).some((t) => t.kind === 'answer' && t.questionId === pending.questionId && t.text === pending.text);
    if (answered) return;
    socket.current?.send({ type: 'answer', questionId: pending.questionId, answer: pending.text, ...(pending.code ? { code: pending.code } : {}) });
  }, []);

  useEffect(() => {
    let alive = true;
    load().catch((error) => alive && dispatch({ type: 'load-failed', error }));
    const ws = new InterviewSocket(id, {
      onFrame: (frame) => {
        dispatch({ type: 'frame', frame });
        if (frame.type === 'question') {
          // Keep the clock honest: the server's timer after each turn.
          api(`/interviews/${encodeURIComponent(id)}`).then((view) => dispatch({ type: 'timer', view })).catch(() => {});
        }
      },
      onState: (conn) => {
        dispatch({ type: 'conn', conn });
        if (conn === 'open' && stateRef.current.pending) {
          // The socket came back: send the answer again if the server never got it.
          api(`/interviews/${encodeURIComponent(id)}`).then(resendIfLost).catch(() => {});
        }
      },
      beforeReconnect: async () => {
        try {
          await load();
        } catch (error) {
          if (error.status === 404) {
            dispatch({ type: 'load-failed', error });
            ws.stop();
          }
          throw error;
        }
      },
    });
    socket.current = ws;
    ws.start();
    return () => {
      alive = false;
      ws.stop();
    };
  }, [id, load, resendIfLost]);

  const sendAnswer = useCallback(async (text, code) => {
    const { question } = stateRef.current;
    if (!question) return;
    const pending = { questionId: question.id, text, code };
    dispatch({ type: 'sending', pending });
    const message = { type: 'answer', questionId: question.id, answer: text, ...(code ? { code } : {}) };
    if (socket.current && socket.current.send(message)) return;
    // No socket: the same answer over REST, and the turn's reply from its response.
    try {
      const result = await api(`/interviews/${encodeURIComponent(id)}/answer`, {
        method: 'POST', body: { questionId: question.id, answer: text, ...(code ? { code } : {}) },
      });
      (result.messages || []).forEach((m) => dispatch({ type: 'frame', frame: { type: 'message', role: 'interviewer', text: m.text ?? m } }));
      if (result.nextQuestion) dispatch({ type: 'frame', frame: { type: 'question', question: result.nextQuestion } });
      if (result.status) dispatch({ type: 'status', status: result.status });
      load().catch(() => {});
    } catch (error) {
      dispatch({ type: 'answer-failed', error });
    }
  }, [id, load]);

  const control = useCallback(async (action) => {
    const result = await api(`/interviews/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    if (result.status) dispatch({ type: 'status', status: result.status });
    if (action === 'resume') await load();
    return result;
  }, [id, load]);

  const snapshotCode = useCallback((language, code) => {
    if (socket.current && socket.current.send({ type: 'code', language, code })) return;
    api(`/interviews/${encodeURIComponent(id)}/code/snapshot`, { method: 'POST', body: { language, code } }).catch(() => {});
  }, [id]);

  // The candidate cuts in: the reply being written stops (the engine finishes the turn).
  const interrupt = useCallback(() => { socket.current?.send({ type: 'interrupt' }); }, []);

  return {
    state,
    sendAnswer,
    interrupt,
    control,
    snapshotCode,
    reload: load,
    dismissNotice: () => dispatch({ type: 'notice', notice: null }),
    clearFailed: () => dispatch({ type: 'clear-failed' }),
  };
}

// The answer being typed, kept in this browser so a reload does not lose it.
export function readDraft(id, questionId) {
  const draft = readLocal(`draft:${id}`);
  return draft && draft.questionId === questionId ? draft.text : '';
}

export function writeDraft(id, questionId, text) {
  writeLocal(`draft:${id}`, text ? { questionId, text } : null);
}
