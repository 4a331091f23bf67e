// CodeMirror 6 with Python, C++ and JavaScript. Loaded only when an interview shows a
// coding problem, so the rest of the client does not carry the editor.
// Only what an interview needs (no search panel, autocompletion or linting), and the three
// languages' parsers without their completion sources: a third of the full basicSetup.
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers,
} from '@codemirror/view';
import { Compartment, EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  HighlightStyle, LanguageSupport, bracketMatching, indentOnInput, syntaxHighlighting,
} from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

// Each language's parser is its own chunk, fetched when the candidate picks it.
const LANGUAGES = {
  python: () => import('@codemirror/lang-python').then((m) => new LanguageSupport(m.pythonLanguage)),
  cpp: () => import('@codemirror/lang-cpp').then((m) => new LanguageSupport(m.cppLanguage)),
  javascript: () => import('@codemirror/lang-javascript').then((m) => new LanguageSupport(m.javascriptLanguage)),
};
const loadLanguage = (name) => (LANGUAGES[name] || LANGUAGES.python)();

// Syntax colours with at least 4.5:1 contrast on the editor's white and its active line
// (CodeMirror's default style has a few lighter ones).
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: '#6f1d94' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#9b1c1c' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#3f6b2a', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#0b5e45' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: '#134f8c' },
  { tag: [t.typeName, t.className, t.namespace], color: '#0f5a73' },
  { tag: [t.processingInstruction, t.meta], color: '#6b4a00' },
  { tag: t.invalid, color: '#b3261e' },
]);

const setup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(highlight),
  bracketMatching(),
  highlightActiveLine(),
  keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
];

const theme = EditorView.theme({
  '&': { backgroundColor: '#ffffff', color: '#0b2545' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', caretColor: '#0b2545' },
  '.cm-gutters': { backgroundColor: '#f1f5fa', color: '#52627a', borderRight: '1px solid #d6dfea' },
  '.cm-activeLine': { backgroundColor: '#eef4fb' },
  '.cm-activeLineGutter': { backgroundColor: '#e2ecf8' },
  '&.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: '#c5d8ee' },
});

// Resolves to {getCode, setCode, setLanguage, focus, destroy} once the language is loaded.
export async function createEditor(parent, { code, language, label, describedBy, onChange }) {
  const languageSlot = new Compartment();
  const initialLanguage = await loadLanguage(language);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        setup,
        languageSlot.of(initialLanguage),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0', ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setLanguage: (name) => loadLanguage(name).then((support) => view.dispatch({ effects: languageSlot.reconfigure(support) })),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
