// Sign in and sign up.
import { useState } from 'preact/hooks';
import { Link, navigate, queryParam } from '../lib/router.jsx';
import { signIn, signUp } from '../lib/account.js';
import { ErrorMessage, Field, PageHeading } from '../components/ui.jsx';

// Only paths inside the app: never an absolute URL someone put in the link.
function safeNext(search) {
  const next = queryParam(search, 'next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function afterSignIn(onboarding, search) {
  const next = safeNext(search);
  if (!onboarding.walkthrough.seen) navigate(`/welcome?next=${encodeURIComponent(next)}`, { replace: true });
  else navigate(next, { replace: true });
}

export function Login({ search }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      afterSignIn(await signIn(email, password), search);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const wrong = error && error.status === 401;
  return (
    <div class="auth-wrap">
      <div class="auth-intro">
        <PageHeading title="Sign in" />
        <p>Practise interviews with an AI interviewer and get a scored report.</p>
      </div>
      <form class="card" onSubmit={submit} noValidate>
        {wrong ? (
          <div class="alert error" role="alert"><div class="alert-body">
            <p><strong>That email and password do not match an account.</strong></p>
            <p>Check both and try again, or create an account.</p>
          </div></div>
        ) : <ErrorMessage error={error} doing="sign you in" />}
        <Field label="Email">
          {(props) => <input {...props} type="email" autocomplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field label="Password">
          {(props) => <input {...props} type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
        </Field>
        <button class="btn" type="submit" disabled={busy} style={{ width: '100%' }}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p class="center small" style={{ marginTop: '1rem' }}>New here? <Link href={`/signup${search || ''}`}>Create an account</Link></p>
      </form>
    </div>
  );
}

export function Signup({ search }) {
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [problems, setProblems] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = async (event) => {
    event.preventDefault();
    const found = {};
    if (!form.name.trim()) found.name = 'Tell us your name, as the interviewer should say it.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) found.email = 'Enter an email address such as ada@example.com.';
    if (form.password.length < 8) found.password = 'Use at least 8 characters.';
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(`signup-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      afterSignIn(await signUp(form.name.trim(), form.email.trim(), form.password), search);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const taken = error && error.status === 409;
  return (
    <div class="auth-wrap">
      <div class="auth-intro">
        <PageHeading title="Create your account" />
        <p>It takes a minute. Your interviews and reports stay private to you.</p>
      </div>
      <form class="card" onSubmit={submit} noValidate>
        {taken ? (
          <div class="alert error" role="alert"><div class="alert-body">
            <p><strong>An account with this email already exists.</strong></p>
            <p><Link href={`/login${search || ''}`}>Sign in instead</Link>, or use another email.</p>
          </div></div>
        ) : <ErrorMessage error={error} doing="create your account" />}
        <Field label="Your name" id="signup-name" error={problems.name}>
          {(props) => <input {...props} type="text" autocomplete="name" required value={form.name} onInput={set('name')} />}
        </Field>
        <Field label="Email" id="signup-email" error={problems.email}>
          {(props) => <input {...props} type="email" autocomplete="email" required value={form.email} onInput={set('email')} />}
        </Field>
        <Field label="Password" id="signup-password" hint="At least 8 characters." error={problems.password}>
          {(props) => <input {...props} type="password" autocomplete="new-password" required value={form.password} onInput={set('password')} />}
        </Field>
        <button class="btn" type="submit" disabled={busy} style={{ width: '100%' }}>{busy ? 'Creating your account…' : 'Create account'}</button>
        <p class="center small" style={{ marginTop: '1rem' }}>Already have an account? <Link href={`/login${search || ''}`}>Sign in</Link></p>
      </form>
    </div>
  );
}
