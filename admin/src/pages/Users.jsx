// Users and roles, and each user's entitlements (grant and revoke).
import { useState } from 'preact/hooks';

import { api, query } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, useAction, useLoad, when } from '../components.jsx';

const ROLES = ['candidate', 'coach', 'operator', 'admin'];

function Entitlements({ user, tiers }) {
  const [data, error, reload] = useLoad(() => api.get(`/api/admin/users/${user.id}/entitlements`), [user.id]);
  const [tierId, setTierId] = useState('premium_monthly');
  const [days, setDays] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const grant = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { tierId };
      if (days) body.days = Number(days);
      if (note) body.note = note;
      await api.post(`/api/admin/users/${user.id}/entitlements`, body);
      setNote('');
      reload();
    });
  };
  const revoke = (id) => action.run(async () => { await api.del(`/api/admin/entitlements/${id}`); reload(); });
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="entitlements" />;
  return (
    <section class="card" aria-label={`Entitlements of ${user.email}`}>
      <h3>{user.name} <small class="muted">{user.email}</small></h3>
      <p>Plan now: <strong>{data.plan.tier.name}</strong> <small class="muted">({data.plan.source})</small>
        {data.plan.creditsLeft > 0 && ` — ${data.plan.creditsLeft} credits left`}</p>
      <table>
        <thead><tr><th>Tier</th><th>Source</th><th>From</th><th>Until</th><th>Credits</th><th>State</th><th /></tr></thead>
        <tbody>
          {data.entitlements.map((e) => (
            <tr key={e.id}>
              <td>{e.tierId}</td><td>{e.source}</td><td>{when(e.startsAt)}</td><td>{when(e.endsAt)}</td>
              <td>{e.creditsTotal ? `${e.creditsUsed} / ${e.creditsTotal}` : '—'}</td>
              <td>{e.active ? <Badge tone="good">active</Badge> : <Badge>{e.revokedAt ? 'revoked' : 'ended'}</Badge>}</td>
              <td>{e.active && <button class="secondary" onClick={() => revoke(e.id)}>Revoke</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.entitlements.length === 0 && <p class="muted">No entitlements: the default tier applies.</p>}
      <form class="row" onSubmit={grant}>
        <Field label="Grant tier">
          <select value={tierId} onChange={(e) => setTierId(e.target.value)} name="grant-tier">
            {tiers.filter((t) => t.active).map((t) => <option value={t.id} key={t.id}>{t.name}</option>)}
          </select>
        </Field>
        <Field label="Days (optional)"><input type="number" min="1" value={days} onInput={(e) => setDays(e.target.value)} name="grant-days" /></Field>
        <Field label="Note"><input value={note} onInput={(e) => setNote(e.target.value)} name="grant-note" /></Field>
        <button type="submit" disabled={action.busy}>Grant</button>
      </form>
      <ErrorNote error={action.error} />
    </section>
  );
}

export function Users() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [selected, setSelected] = useState(null);
  const [data, error, reload] = useLoad(() => api.get(`/api/admin/users${query({ q, role, limit: 100 })}`), [q, role]);
  const [tiers] = useLoad(() => api.get('/api/admin/tiers'));
  const action = useAction();
  const [changed, setChanged] = useState(null);
  const setUserRole = (user, next) => action.run(async () => {
    const result = await api.put(`/api/admin/users/${user.id}/role`, { role: next });
    setChanged(`${result.user.email} is now ${result.user.role}.`);
    reload();
  });
  return (
    <div>
      <div class="row">
        <Field label="Search"><input type="search" value={q} placeholder="name or email" onInput={(e) => setQ(e.target.value)} name="q" /></Field>
        <Field label="Role">
          <select value={role} onChange={(e) => setRole(e.target.value)} name="role">
            <option value="">any</option>
            {ROLES.map((r) => <option value={r} key={r}>{r}</option>)}
          </select>
        </Field>
      </div>
      <ErrorNote error={error || action.error} />
      {changed && <Notice kind="good">{changed}</Notice>}
      {!data && !error && <Loading what="users" />}
      {data && (
        <div class="scroll">
          <table>
            <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Joined</th><th /></tr></thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>
                    <select aria-label={`role of ${u.email}`} value={u.role} disabled={action.busy}
                            onChange={(e) => setUserRole(u, e.target.value)}>
                      {ROLES.map((r) => <option value={r} key={r}>{r}</option>)}
                    </select>
                  </td>
                  <td>{when(u.createdAt * 1000)}</td>
                  <td><button class="secondary" onClick={() => setSelected(u)}>Entitlements</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{data.total} users</p>
        </div>
      )}
      {selected && tiers && <Entitlements user={selected} tiers={tiers.tiers} />}
    </div>
  );
}
