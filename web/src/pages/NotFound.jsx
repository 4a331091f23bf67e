import { Link } from '../lib/router.jsx';
import { PageHeading } from '../components/ui.jsx';

export function NotFound() {
  return (
    <>
      <PageHeading title="Page not found" />
      <div class="card">
        <p>There is nothing at this address. It may be an old link.</p>
        <Link class="btn" href="/">Go to your dashboard</Link>
      </div>
    </>
  );
}
