// Providers: every loaded plugin with its health, and each kind's provider with its config.
// Secrets are write-only: the form can set or clear one, never read it back.
import { useState } from 'preact/hooks';

import { api } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, useAction, useLoad, when } from '../components.jsx';

const HEALTH_TONE = { ok: 'good', idle: 'neutral', inactive: 'neutral', degraded: 'warn', failing: 'bad' };

function ProviderForm({ kind, provider, plugins, onSaved }) {
  const choices = plugins.filter((p) => p.kind === kind);
  const [use, setUse] = useState(provider ? provider.use : choices[0] && choices[0].name);
  const [config, setConfig] = useState(JSON.stringify(provider ? provider.config : {}, null, 2));
  const [secretKey, setSecretKey] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const action = useAction();
  const [saved, setSaved] = useState(null);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      let parsed;
      try {
        parsed = JSON.parse(config || '{}');
      } catch {
        throw new Error('The config is not valid JSON.');
      }
      if (secretKey) parsed[secretKey] = secretValue === '' ? null : secretValue;
      const result = await api.put(`/api/admin/plugins/${kind}`, { use, config: parsed });
      setSecretValue('');
      setSaved(result);
      onSaved();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-label={`${kind} provider`}>
      <h3>
        {kind} <small class="muted">{provider ? `${provider.origin === 'operator' ? 'chosen' : 'from the config file'}` : 'none'}</small>
      </h3>
      <Field label="Provider">
        <select value={use} onChange={(e) => setUse(e.target.value)} name={`${kind}-use`}>
          {choices.map((p) => <option value={p.name} key={p.name}>{p.name} {p.version}</option>)}
        </select>
      </Field>
      <Field label="Config (JSON, without secrets)">
        <textarea rows="5" class="mono" value={config} onInput={(e) => setConfig(e.target.value)} name={`${kind}-config`} />
      </Field>
      <div class="row">
        <Field label="Secret key" hint={provider && provider.secretsSet.length ? `set: ${provider.secretsSet.join(', ')}` : 'none set'}>
          <input value={secretKey} placeholder="apiKey" onInput={(e) => setSecretKey(e.target.value)} name={`${kind}-secret-key`} />
        </Field>
        <Field label="Secret value" hint="write-only; empty clears it">
          <input type="password" autocomplete="off" value={secretValue} onInput={(e) => setSecretValue(e.target.value)}
                 name={`${kind}-secret-value`} />
        </Field>
      </div>
      <button type="submit" disabled={action.busy}>Apply now</button>
      <ErrorNote error={action.error} />
      {saved && <Notice kind="good">{kind} now uses {saved.use}: new calls go to it, calls in flight finish on the old one.</Notice>}
    </form>
  );
}

export function Plugins() {
  const [data, error, reload] = useLoad(() => api.get('/api/admin/plugins'));
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="plugins" />;
  const providers = Object.fromEntries(data.providers.map((p) => [p.kind, p]));
  const kinds = data.kinds.filter((k) => data.plugins.some((p) => p.kind === k));
  return (
    <div>
      <section>
        <h2>Loaded plugins</h2>
        <p class="muted">Recent figures cover the last {data.window.calls} calls within {data.window.seconds / 60} minutes.</p>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Kind</th><th>Plugin</th><th>Version</th><th>Role</th><th>Health</th><th>Calls</th><th>Failures</th>
                <th>Fallbacks</th><th>Error rate</th><th>p50 / p95 ms</th><th>Last error</th>
              </tr>
            </thead>
            <tbody>
              {data.plugins.map((p) => (
                <tr key={p.name} data-plugin={p.name}>
                  <td>{p.kind}</td>
                  <td title={p.description}><strong>{p.name}</strong><br /><small class="muted">{p.description}</small></td>
                  <td>{p.version}</td>
                  <td>{p.active ? 'active' : p.fallback ? 'fallback' : '—'}</td>
                  <td><Badge tone={HEALTH_TONE[p.health]}>{p.health}</Badge></td>
                  <td>{p.calls}</td>
                  <td>{p.failures}</td>
                  <td>{p.fallbacks}</td>
                  <td>{p.recent.calls ? `${(p.recent.errorRate * 100).toFixed(1)} %` : '—'}</td>
                  <td>{p.recent.calls ? `${p.recent.latencyMs.p50.toFixed(1)} / ${p.recent.latencyMs.p95.toFixed(1)}` : '—'}</td>
                  <td class="wrap">{p.recent.lastError || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button class="secondary" onClick={reload}>Refresh</button>
      </section>
      <section>
        <h2>Active providers</h2>
        <div class="grid">
          {kinds.map((kind) => (
            <ProviderForm key={kind} kind={kind} provider={providers[kind]} plugins={data.plugins} onSaved={reload} />
          ))}
        </div>
        {data.providers.filter((p) => p.updatedAt).map((p) => (
          <p class="muted" key={p.kind}>{p.kind}: chosen by user {p.updatedBy} at {when(p.updatedAt)}</p>
        ))}
      </section>
    </div>
  );
}
