// After the report: 1-5 stars for Realism, Ease of Use, Feedback Helpfulness and Overall
// Satisfaction, and an optional comment; once per interview.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { ErrorMessage, useId } from '../components/ui.jsx';

const QUESTIONS = [
  ['realism', 'Realism', 'How much did it feel like a real interview?'],
  ['easeOfUse', 'Ease of use', 'How easy was Mockroom to use?'],
  ['feedbackHelpfulness', 'Feedback helpfulness', 'How useful is this report?'],
  ['overallSatisfaction', 'Overall satisfaction', 'How satisfied are you overall?'],
];
const WORDS = ['', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'];

function Stars({ name, title, hint, value, onChange }) {
  const id = useId(name);
  return (
    <fieldset>
      <legend class="label">{title}</legend>
      <p class="muted small" style={{ margin: '0 0 .2rem' }}>{hint}</p>
      <div class="stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n}>
            <input type="radio" id={`${id}-${n}`} name={id} value={n} checked={value === n} onChange={() => onChange(n)} />
            <label for={`${id}-${n}`} class={value >= n ? 'on' : ''} title={`${n} - ${WORDS[n]}`}>
              <span aria-hidden="true">{value >= n ? '★' : '☆'}</span>
              <span class="visually-hidden">{n} star{n > 1 ? 's' : ''}, {WORDS[n]}</span>
            </label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

export function Rating({ id }) {
  const existing = useLoad(() => api(`/interviews/${encodeURIComponent(id)}/rating`).catch((e) => {
    if (e.status === 404) return null;
    throw e;
  }), [id]);
  const [values, setValues] = useState({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const commentId = useId('comment');

  if (existing.loading) return null;
  if (existing.data) {
    return (
      <section class="card" aria-labelledby="rating-heading">
        <h2 id="rating-heading">Thank you for rating this interview</h2>
        <p class="muted">You gave: {QUESTIONS.map(([key, title]) => `${title} ${existing.data[key]}/5`).join(', ')}.</p>
      </section>
    );
  }

  const submit = async (event) => {
    event.preventDefault();
    const missing = QUESTIONS.filter(([key]) => !values[key]).map(([, title]) => title);
    if (missing.length) {
      setProblem(`Please choose stars for ${missing.join(', ')}.`);
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      existing.setData(await api(`/interviews/${encodeURIComponent(id)}/rating`, {
        method: 'POST', body: { ...values, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="rating-heading">
      <h2 id="rating-heading">How was this interview?</h2>
      <p class="muted">Your rating helps us make the interviews better. It takes ten seconds.</p>
      <form onSubmit={submit} noValidate>
        <div class="rating-grid">
          {QUESTIONS.map(([key, title, hint]) => (
            <Stars key={key} name={key} title={title} hint={hint} value={values[key] || 0} onChange={(n) => setValues({ ...values, [key]: n })} />
          ))}
        </div>
        <div class="field">
          <label for={commentId}>Anything else? (optional)</label>
          <textarea id={commentId} rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </div>
        {problem && <div class="alert error" role="alert"><div class="alert-body"><p>{problem}</p></div></div>}
        <ErrorMessage error={error} doing="save your rating" />
        <button type="submit" class="btn" disabled={busy}>{busy ? 'Sending…' : 'Send rating'}</button>
      </form>
    </section>
  );
}
