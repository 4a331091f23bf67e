// Pricing tiers as data: prices, periods, limits and features, edited in place.
import { useState } from 'preact/hooks';

import { api } from '../api.js';
import { Badge, ErrorNote, Field, Loading, Notice, money, useAction, useLoad } from '../components.jsx';

const FEATURES = [
  ['fullLibrary', 'Full question library'],
  ['companyPractice', 'Company practice'],
  ['growthTracking', 'Growth tracking'],
];

function TierForm({ tier, onSaved }) {
  const [draft, setDraft] = useState({
    name: tier.name, description: tier.description, priceCents: tier.priceCents, periodMonths: tier.periodMonths,
    validDays: tier.validDays, active: tier.active, listed: tier.listed, checkoutUrl: tier.checkoutUrl || '',
    limits: { interviewsPerWeek: null, maxMinutes: null, ...tier.limits },
    features: { report: 'full', fullLibrary: false, companyPractice: false, growthTracking: false, ...tier.features },
  });
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const set = (key, value) => setDraft({ ...draft, [key]: value });
  const setLimit = (key, value) => set('limits', { ...draft.limits, [key]: value === '' ? null : Number(value) });
  const setFeature = (key, value) => set('features', { ...draft.features, [key]: value });
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api.put(`/api/admin/tiers/${tier.id}`, draft);
      setSaved(true);
      onSaved();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-label={`tier ${tier.id}`}>
      <h3>{tier.id} <Badge>{tier.kind}</Badge></h3>
      <div class="row">
        <Field label="Name"><input value={draft.name} onInput={(e) => set('name', e.target.value)} /></Field>
        <Field label="Price (cents)"><input type="number" min="0" value={draft.priceCents} onInput={(e) => set('priceCents', Number(e.target.value))} /></Field>
        {tier.kind === 'subscription' && (
          <Field label="Billed every (months)"><input type="number" min="1" value={draft.periodMonths} onInput={(e) => set('periodMonths', Number(e.target.value))} /></Field>
        )}
        {(tier.kind === 'package' || tier.kind === 'credits') && (
          <Field label="Valid (days)"><input type="number" min="0" value={draft.validDays} onInput={(e) => set('validDays', Number(e.target.value))} /></Field>
        )}
      </div>
      <Field label="Description"><textarea rows="2" value={draft.description} onInput={(e) => set('description', e.target.value)} /></Field>
      {tier.kind !== 'free' && tier.kind !== 'internal' && (
        <Field label="Checkout link"
          hint={`Where candidates buy this tier, e.g. a Stripe Payment Link with metadata tierId ${tier.id}; the client adds client_reference_id (the user's id), so the payment webhook grants it.`}>
          <input type="url" value={draft.checkoutUrl} placeholder="https://… (empty: not sold online)" onInput={(e) => set('checkoutUrl', e.target.value.trim())} />
        </Field>
      )}
      <div class="row">
        <Field label="Interviews a week"><input type="number" min="0" value={draft.limits.interviewsPerWeek ?? ''} placeholder="no limit" onInput={(e) => setLimit('interviewsPerWeek', e.target.value)} /></Field>
        <Field label="Longest interview (min)"><input type="number" min="0" value={draft.limits.maxMinutes ?? ''} placeholder="no limit" onInput={(e) => setLimit('maxMinutes', e.target.value)} /></Field>
        {tier.kind === 'credits' && <Field label="Credits"><input type="number" min="1" value={draft.limits.credits ?? ''} onInput={(e) => setLimit('credits', e.target.value)} /></Field>}
        {tier.kind === 'package' && <Field label="Packages"><input type="number" min="1" value={draft.limits.packages ?? ''} onInput={(e) => setLimit('packages', e.target.value)} /></Field>}
      </div>
      <div class="row">
        <Field label="Report">
          <select value={draft.features.report} onChange={(e) => setFeature('report', e.target.value)}>
            <option value="basic">basic</option>
            <option value="full">full</option>
          </select>
        </Field>
        {FEATURES.map(([key, label]) => (
          <label class="check" key={key}><input type="checkbox" checked={draft.features[key]} onChange={(e) => setFeature(key, e.target.checked)} /> {label}</label>
        ))}
        <label class="check"><input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> Active</label>
        <label class="check"><input type="checkbox" checked={draft.listed} onChange={(e) => set('listed', e.target.checked)} /> On the price list</label>
      </div>
      <button type="submit" disabled={action.busy}>Save {tier.id}</button>
      <ErrorNote error={action.error} />
      {saved && <Notice kind="good">Saved.</Notice>}
    </form>
  );
}

export function Tiers() {
  const [data, error, reload] = useLoad(() => api.get('/api/admin/tiers'));
  const [editing, setEditing] = useState(null);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="tiers" />;
  return (
    <div>
      <p class="muted">Users without an entitlement are on <strong>{data.defaultTier}</strong> (billing.defaultTier).</p>
      <div class="scroll">
        <table>
          <thead><tr><th>Tier</th><th>Kind</th><th>Price</th><th>Per month</th><th>Limits</th><th>Report</th><th>State</th><th /></tr></thead>
          <tbody>
            {data.tiers.map((t) => (
              <tr key={t.id} data-tier={t.id}>
                <td><strong>{t.name}</strong><br /><small class="muted">{t.id}</small></td>
                <td>{t.kind}</td>
                <td>{money(t.priceCents, t.currency)}{t.periodMonths ? ` / ${t.periodMonths} mo` : ''}</td>
                <td>{t.pricePerMonthCents !== undefined ? money(t.pricePerMonthCents, t.currency) : '—'}</td>
                <td>{Object.entries(t.limits).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}</td>
                <td>{t.features.report}</td>
                <td>{t.active ? 'active' : 'inactive'}{t.listed ? '' : ', unlisted'}</td>
                <td><button class="secondary" onClick={() => setEditing(t)}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && <TierForm key={editing.id} tier={editing} onSaved={reload} />}
    </div>
  );
}
