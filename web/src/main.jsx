// Mockroom's candidate client: routes, the signed-in guard and the first-time walkthrough.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles.css';
import { setUnauthorizedHandler } from './lib/api.js';
import { loadAccount } from './lib/account.js';
import { setAccount, useAccount } from './lib/store.js';
import { match, navigate, useLocation } from './lib/router.jsx';
import { Layout } from './components/Layout.jsx';
import { ErrorMessage, Loading } from './components/ui.jsx';
import { Login, Signup } from './pages/Auth.jsx';
import { Walkthrough } from './pages/Walkthrough.jsx';
import { Dashboard } from './pages/Dashboard.jsx';
import { Setup } from './pages/Setup.jsx';
import { Room } from './pages/Room.jsx';
import { Report } from './pages/Report.jsx';
import { History } from './pages/History.jsx';
import { Progress } from './pages/Progress.jsx';
import { Profile } from './pages/Profile.jsx';
import { Packages, PackageDetail } from './pages/Packages.jsx';
import { NotFound } from './pages/NotFound.jsx';

const PUBLIC = [
  ['/login', Login],
  ['/signup', Signup],
];

const PRIVATE = [
  ['/', Dashboard],
  ['/welcome', Walkthrough],
  ['/new', Setup],
  ['/interview/:id', Room],
  ['/interview/:id/report', Report],
  ['/history', History],
  ['/progress', Progress],
  ['/profile', Profile],
  ['/packages', Packages],
  ['/packages/:id', PackageDetail],
];

function find(routes, path) {
  for (const [pattern, Page, options] of routes) {
    const params = match(pattern, path);
    if (params) return { Page, params, options: options || {} };
  }
  return null;
}

setUnauthorizedHandler(() => {
  setAccount({ status: 'signed-out', user: null, onboarding: null });
});

function App() {
  const account = useAccount();
  const { path, search } = useLocation();

  useEffect(() => { loadAccount(); }, []);

  const publicRoute = find(PUBLIC, path);
  const signedIn = account.status === 'signed-in';

  useEffect(() => {
    if (account.status === 'signed-out' && !publicRoute) {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + search)}`;
      navigate(`/login${next}`, { replace: true });
    } else if (signedIn && publicRoute) {
      navigate('/', { replace: true });
    } else if (signedIn && !account.onboarding?.walkthrough?.seen && path !== '/welcome') {
      navigate(`/welcome?next=${encodeURIComponent(path + search)}`, { replace: true });
    }
  }, [account.status, account.onboarding, path, publicRoute, signedIn, search]);

  if (account.status === 'loading') return <Layout><Loading label="Opening Mockroom…" /></Layout>;
  if (account.status === 'error') {
    return <Layout><ErrorMessage error={account.error} doing="open Mockroom" onRetry={loadAccount} /></Layout>;
  }
  if (publicRoute) {
    const { Page } = publicRoute;
    return <Layout><Page search={search} /></Layout>;
  }
  if (!signedIn) return <Layout><Loading /></Layout>;
  const route = find(PRIVATE, path);
  if (!route) return <Layout><NotFound /></Layout>;
  const { Page, params, options } = route;
  return <Layout wide={options.wide}><Page key={path} {...params} search={search} /></Layout>;
}

render(<App />, document.getElementById('app'));
