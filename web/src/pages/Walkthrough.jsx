// The first-time walkthrough: introduction -> interview process -> feedback format. Each
// step can be skipped; the server remembers that it was seen, so it shows once per user.
import { useEffect, useRef, useState } from 'preact/hooks';
import { navigate, queryParam } from '../lib/router.jsx';
import { recordWalkthrough } from '../lib/account.js';
import { useAccount } from '../lib/store.js';
import { ErrorMessage } from '../components/ui.jsx';

const STEPS = [
  {
    title: 'Welcome to Mockroom',
    body: (name) => (
      <>
        <p>Hi {name}. Mockroom runs realistic mock interviews with an AI interviewer, so you can practise before the real thing.</p>
        <div class="illustration">
          <ul>
            <li>Behavioral, technical, coding, system design and case interviews.</li>
            <li>Company styles such as an Amazon-style or Google-style loop.</li>
            <li>Answer by typing. Everything you say is saved as you go.</li>
          </ul>
        </div>
      </>
    ),
  },
  {
    title: 'How an interview works',
    body: () => (
      <>
        <p>You choose the kind of interview, your level and how long it runs. Then the interviewer asks one question at a time.</p>
        <div class="illustration">
          <ul>
            <li>You see the question, "Question 3 of 8" and the time left at the top.</li>
            <li>The interviewer may ask up to two follow-ups about what you said.</li>
            <li>Coding questions come with an editor: Run tries your own input, Submit checks hidden tests.</li>
            <li>Pause whenever you need to; you can come back later, even on another day.</li>
          </ul>
        </div>
      </>
    ),
  },
  {
    title: 'Your feedback report',
    body: () => (
      <>
        <p>When you finish, you get a report right away.</p>
        <div class="illustration">
          <ul>
            <li>An overall score out of 100 and a hire signal.</li>
            <li>Scores for communication, problem solving, algorithm reasoning and coding, each with quotes from your answers.</li>
            <li>Timestamped notes, strengths, what to improve and one concrete next step.</li>
            <li>Questions to practise again in a few days, and your progress over time.</li>
          </ul>
        </div>
      </>
    ),
  },
];

export function Walkthrough({ search }) {
  const { user, onboarding } = useAccount();
  const [step, setStep] = useState(0);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef(null);
  const next = queryParam(search, 'next');
  const destination = next && next.startsWith('/') && !next.startsWith('//') && next !== '/welcome' ? next : '/';

  useEffect(() => {
    document.title = `${STEPS[step].title} · Mockroom`;
    heading.current?.focus();
  }, [step]);

  const finish = async (outcome) => {
    setBusy(true);
    setError(null);
    try {
      await recordWalkthrough(outcome, step + 1);
      navigate(destination, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const last = step === STEPS.length - 1;
  const firstName = (user?.name || '').split(' ')[0];
  return (
    <section class="walkthrough" aria-labelledby="walkthrough-title">
      <p class="muted small" id="walkthrough-progress">Step {step + 1} of {STEPS.length}{onboarding?.walkthrough?.seen ? ' (seen before)' : ''}</p>
      <ol class="steps" aria-hidden="true">
        {STEPS.map((s, i) => <li key={s.title} class={i <= step ? 'done' : ''} />)}
      </ol>
      <div class="card">
        <h1 id="walkthrough-title" tabIndex={-1} ref={heading}>{STEPS[step].title}</h1>
        {STEPS[step].body(firstName)}
        <ErrorMessage error={error} doing="save your progress" />
        <div class="row" style={{ marginTop: '1.25rem' }}>
          {step > 0 && <button type="button" class="btn secondary" onClick={() => setStep(step - 1)} disabled={busy}>Back</button>}
          <span class="spacer" />
          {!last && <button type="button" class="btn quiet" onClick={() => finish('skipped')} disabled={busy}>Skip the tour</button>}
          {last
            ? <button type="button" class="btn" onClick={() => finish('completed')} disabled={busy}>{busy ? 'Saving…' : 'Start practising'}</button>
            : <button type="button" class="btn" onClick={() => setStep(step + 1)} disabled={busy}>Next</button>}
        </div>
      </div>
    </section>
  );
}
