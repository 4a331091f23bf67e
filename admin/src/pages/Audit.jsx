// The audit log: who changed what, and when.
import { useState } from 'preact/hooks';

import { api, query } from '../api.js';
import { ErrorNote, Field, Loading, useLoad, when } from '../components.jsx';

export function Audit() {
  const [action, setAction] = useState('');
  const [before, setBefore] = useState(0);
  const [data, error] = useLoad(() => api.get(`/api/admin/audit${query({ action, before: before || '', limit: 50 })}`), [action, before]);
  return (
    <div>
      <div class="row">
        <Field label="Action starts with">
          <select value={action} onChange={(e) => { setAction(e.target.value); setBefore(0); }} name="action">
            <option value="">any</option>
            {['plugin.', 'user.', 'question.', 'rubric.', 'format.', 'prompt.', 'tier.', 'entitlement.'].map((a) => (
              <option value={a} key={a}>{a}</option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={error} />
      {!data && !error && <Loading what="the audit log" />}
      {data && (
        <div class="scroll">
          <table>
            <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{e.actor.email} <small class="muted">({e.actor.role})</small></td>
                  <td><code>{e.action}</code></td>
                  <td>{e.target}</td>
                  <td class="wrap"><details><summary>show</summary><pre>{JSON.stringify(e.detail, null, 2)}</pre></details></td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.entries.length === 0 && <p class="muted">Nothing recorded yet.</p>}
        </div>
      )}
      {data && data.nextBefore && <button class="secondary" onClick={() => setBefore(data.nextBefore)}>Older entries</button>}
      {before > 0 && <button class="secondary" onClick={() => setBefore(0)}>Newest</button>}
    </div>
  );
}
