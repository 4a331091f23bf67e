// A modal confirmation on the native <dialog>: focus moves into it, Escape cancels, and
// focus returns to the button that opened it.
import { useEffect, useRef } from 'preact/hooks';
import { useId } from './ui.jsx';

export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', tone = 'danger', busy = false, onConfirm, onCancel }) {
  const ref = useRef(null);
  const titleId = useId('dialog');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); if (!busy) onCancel(); }}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div class="row end" style={{ marginTop: '1.25rem' }}>
        <button type="button" class="btn secondary" onClick={onCancel} disabled={busy} autofocus>{cancelLabel}</button>
        <button type="button" class={`btn ${tone === 'danger' ? 'danger solid' : ''}`} onClick={onConfirm} disabled={busy}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
