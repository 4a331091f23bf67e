// The Mockroom admin console: sign in, then the pages the signed-in role may use.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { api } from './api.js';
import { ErrorNote, useAction } from './components.jsx';
import { Analytics } from './pages/Analytics.jsx';
import { Audit } from './pages/Audit.jsx';
import { Plugins } from './pages/Plugins.jsx';
import { Questions } from './pages/Questions.jsx';
import { Rubrics } from './pages/Rubrics.jsx';
import { Scripts } from './pages/Scripts.jsx';
import { Tiers } from './pages/Tiers.jsx';
import { Users } from './pages/Users.jsx';
import './styles.css';

// Each page and the roles that may open it (admins open all).
const PAGES = [
  { path: 'analytics', title: 'Analytics', roles: ['admin'], component: Analytics },
  { path: 'plugins', title: 'Providers', roles: ['operator'], component: Plugins },
  { path: 'questions', title: 'Question bank', roles: ['coach'], component: Questions },
  { path: 'rubrics', title: 'Rubrics', roles: ['coach'], component: Rubrics },
  { path: 'scripts', title: 'Scripts', roles: ['coach'], component: Scripts },
  { path: 'users', title: 'Users & entitlements', roles: ['admin'], component: Users },
  { path: 'tiers', title: 'Pricing tiers', roles: ['admin'], component: Tiers },
  { path: 'audit', title: 'Audit log', roles: ['admin'], component: Audit },
];

const BASE = '/admin/';

function pagesFor(role) {
  return PAGES.filter((p) => role === 'admin' || p.roles.includes(role));
}

function currentPath() {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '';
  return path.split('/')[0];
}

function SignIn({ onSignedIn }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const result = await api.post('/api/auth/login', { email, password });
      onSignedIn(result.user);
    });
  };
  return (
    <main class="signin">
      <h1>Mockroom admin</h1>
      <form onSubmit={submit}>
        <label class="field">
          <span>Email</span>
          <input type="email" name="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.target.value)} required />
        </label>
        <label class="field">
          <span>Password</span>
          <input type="password" name="password" autocomplete="current-password" value={password}
                 onInput={(e) => setPassword(e.target.value)} required />
        </label>
        <button type="submit" disabled={action.busy}>Sign in</button>
        <ErrorNote error={action.error} />
      </form>
    </main>
  );
}

function App() {
  const [user, setUser] = useState(null);
  const [checked, setChecked] = useState(false);
  const [path, setPath] = useState(currentPath());

  // The session cookie, if any, says who is signed in.
  useEffect(() => {
    api.get('/api/me').then(
      (me) => {
        setUser(me.user);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, []);
  const signOut = async () => {
    await api.post('/api/auth/logout').catch(() => {});
    setUser(null);
  };
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  if (!checked) return null;
  if (!user) return <SignIn onSignedIn={setUser} />;
  const pages = pagesFor(user.role);
  if (pages.length === 0) {
    return (
      <main class="signin">
        <h1>Mockroom admin</h1>
        <p>This console is for coaches, operators and admins; your account is a {user.role} account.</p>
        <button onClick={signOut}>Sign out</button>
      </main>
    );
  }
  const page = pages.find((p) => p.path === path) || pages[0];
  const go = (e, to) => {
    e.preventDefault();
    window.history.pushState({}, '', BASE + to);
    setPath(to);
  };
  const Page = page.component;
  return (
    <div class="layout">
      <nav aria-label="Console">
        <strong class="brand">Mockroom</strong>
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <a href={BASE + p.path} aria-current={p === page ? 'page' : undefined} onClick={(e) => go(e, p.path)}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
        <div class="who">
          <span>{user.name}</span>
          <small>{user.role}</small>
          <button class="link" onClick={signOut}>Sign out</button>
        </div>
      </nav>
      <main>
        <h1>{page.title}</h1>
        <Page user={user} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app'));
