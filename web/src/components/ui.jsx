// Small building blocks every page uses: the page heading (focus and title on
// navigation), errors with a way forward, loading states and labelled fields.
import { useEffect, useRef } from 'preact/hooks';
import { explain } from '../lib/api.js';
import { TierList } from './Plan.jsx';

export function PageHeading({ title, children, subtitle }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} · Mockroom`;
    // After a client-side navigation, start reading at the new page's heading.
    if (document.activeElement === document.body || document.activeElement?.closest('nav, .topbar, a, button')) {
      ref.current?.focus({ preventScroll: false });
    }
  }, [title]);
  return (
    <div class="page-head">
      <div>
        <h1 tabIndex={-1} ref={ref}>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {children && <div class="row">{children}</div>}
    </div>
  );
}

// An error explained in plain words, with what to do next. A plan's limit (402) is no
// failure to retry: it says why, and lists the tiers that would cover it.
export function ErrorMessage({ error, doing, onRetry, retryLabel = 'Try again', children }) {
  if (!error) return null;
  const { title, detail } = explain(error, doing);
  const plan = error.status === 402;
  return (
    <div class={`alert ${plan ? 'warn' : 'error'}`} role="alert">
      <div class="alert-body">
        <p><strong>{title}</strong></p>
        <p>{detail}</p>
        {children}
        {plan && <TierList />}
      </div>
      {onRetry && !plan && <button type="button" class="btn small secondary" onClick={onRetry}>{retryLabel}</button>}
    </div>
  );
}

export function Notice({ tone = 'info', children, role }) {
  return <div class={`alert ${tone}`} role={role}><div class="alert-body">{children}</div></div>;
}

export function Loading({ label = 'Loading…' }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

let fieldCounter = 0;
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) ref.current = `${prefix}-${++fieldCounter}`;
  return ref.current;
}

// A labelled control with an optional hint and error, wired with aria-describedby.
export function Field({ label, hint, error, children, id: given }) {
  const auto = useId('field');
  const id = given || auto;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <span class="hint" id={hintId}>{hint}</span>}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}
      {error && <span class="error-text" id={errorId}>{error}</span>}
    </div>
  );
}

export function Badge({ tone = '', children, title }) {
  return <span class={`badge ${tone}`} title={title}>{children}</span>;
}
