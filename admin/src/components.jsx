// Small pieces every page uses.
import { useEffect, useState } from 'preact/hooks';

// Loads `load()` (a promise) when `deps` change: [value, error, reload].
export function useLoad(load, deps = []) {
  const [state, setState] = useState({ value: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value, error: null }),
      (error) => live && setState({ value: null, error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [state.value, state.error, () => setTick((t) => t + 1)];
}

export function ErrorNote({ error }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}

export function Notice({ children, kind = 'info' }) {
  return (
    <p class={`notice ${kind}`} role="status">
      {children}
    </p>
  );
}

export function Loading({ what }) {
  return <p class="muted">Loading {what}…</p>;
}

export function Field({ label, children, hint }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {hint && <small class="muted">{hint}</small>}
    </label>
  );
}

export function Badge({ children, tone = 'neutral' }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

export function when(ms) {
  if (!ms) return '—';
  return new Date(ms).toLocaleString();
}

export function money(cents, currency = 'usd') {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

// Runs an action, keeping its error and a busy flag for the button that started it.
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
