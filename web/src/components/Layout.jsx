// The frame around every signed-in page: a skip link, the top bar with navigation and
// sign-out, and the main landmark.
import { useState } from 'preact/hooks';
import { Link, navigate, useLocation } from '../lib/router.jsx';
import { useAccount } from '../lib/store.js';
import { signOut } from '../lib/account.js';

const LINKS = [
  { href: '/', label: 'Dashboard' },
  { href: '/new', label: 'New interview' },
  { href: '/history', label: 'History' },
  { href: '/progress', label: 'Progress' },
  { href: '/packages', label: 'Weekend prep' },
  { href: '/profile', label: 'Profile' },
];

function isCurrent(href, path) {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

export function TopBar() {
  const { path } = useLocation();
  const { user } = useAccount();
  const [leaving, setLeaving] = useState(false);
  const onSignOut = async () => {
    setLeaving(true);
    await signOut();
    setLeaving(false);
    navigate('/login', { replace: true });
  };
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <Link href={user ? '/' : '/login'} class="brand"><span class="brand-mark" aria-hidden="true">M</span>Mockroom</Link>
        {user && (
          <nav class="nav" aria-label="Main">
            {LINKS.map((link) => (
              <Link key={link.href} href={link.href} aria-current={isCurrent(link.href, path) ? 'page' : undefined}>{link.label}</Link>
            ))}
            <button type="button" class="btn quiet small" onClick={onSignOut} disabled={leaving}>
              {leaving ? 'Signing out…' : 'Sign out'}
            </button>
          </nav>
        )}
      </div>
    </header>
  );
}

export function Layout({ children, wide = false }) {
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <TopBar />
      <main id="main" class={wide ? 'wide' : undefined} tabIndex={-1}>{children}</main>
    </>
  );
}
