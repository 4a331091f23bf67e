// A CodeMirror 6 editor for Lua scripts and JSON, with problems shown at their lines.
import { basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { StreamLanguage } from '@codemirror/language';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';

export function CodeEditor({ value, onChange, language = 'lua', problems = [], label, minHeight = '18rem' }) {
  const host = useRef(null);
  const view = useRef(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        basicSetup,
        lintGutter(),
        language === 'json' ? json() : StreamLanguage.define(lua),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) changed.current(u.state.doc.toString());
        }),
        EditorView.theme({ '&': { minHeight }, '.cm-scroller': { minHeight } }),
        EditorView.contentAttributes.of({ 'aria-label': label || 'editor' }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current });
    return () => view.current.destroy();
  }, [language]);

  // A new document from outside (another question, a loaded script).
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const diagnostics = problems
      .filter((p) => p.line && p.line <= doc.lines)
      .map((p) => {
        const line = doc.line(p.line);
        return { from: line.from, to: line.to, severity: 'error', message: p.message };
      });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [problems]);

  return <div class="editor" ref={host} />;
}

// Moves the cursor to a line and shows it (a problem in the list was clicked).
export function focusLine(host, line) {
  const el = host && host.querySelector('.cm-content');
  const view = el && EditorView.findFromDOM(el);
  if (!view || line > view.state.doc.lines) return;
  const pos = view.state.doc.line(line).from;
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
