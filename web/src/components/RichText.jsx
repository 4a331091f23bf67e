// The little Markdown that problem statements use (paragraphs, "#" headings, "- " lists,
// `code`, **bold**, *emphasis*), rendered as elements: never as HTML, so nothing in a statement can run.

function inline(text) {
  const parts = [];
  const pattern = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const token = m[0];
    if (token.startsWith('`')) parts.push(<code key={m.index}>{token.slice(1, -1)}</code>);
    else if (token.startsWith('**')) parts.push(<strong key={m.index}>{token.slice(2, -2)}</strong>);
    else parts.push(<em key={m.index}>{token.slice(1, -1)}</em>);
    last = m.index + token.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

// Lines into blocks: a heading, a list (consecutive "- " lines) or a paragraph (other
// consecutive lines); blank lines end a block.
function blocks(text) {
  const out = [];
  for (const line of String(text || '').split('\n')) {
    const trimmed = line.trim();
    const last = out[out.length - 1];
    if (!trimmed) {
      out.push({ kind: 'break' });
    } else if (/^#{1,6} /.test(trimmed)) {
      out.push({ kind: 'heading', text: trimmed.replace(/^#+ /, '') });
    } else if (/^[-*] /.test(trimmed)) {
      if (last && last.kind === 'list') last.items.push(trimmed.slice(2));
      else out.push({ kind: 'list', items: [trimmed.slice(2)] });
    } else if (last && last.kind === 'paragraph') {
      last.lines.push(trimmed);
    } else {
      out.push({ kind: 'paragraph', lines: [trimmed] });
    }
  }
  return out.filter((b) => b.kind !== 'break');
}

export function RichText({ text }) {
  return (
    <>
      {blocks(text).map((block, i) => {
        if (block.kind === 'heading') return <p key={i} style={{ margin: '.6rem 0 .2rem' }}><strong>{inline(block.text)}</strong></p>;
        if (block.kind === 'list') return <ul key={i}>{block.items.map((item, j) => <li key={j}>{inline(item)}</li>)}</ul>;
        return <p key={i}>{block.lines.map((l, j) => <>{j > 0 && <br />}{inline(l)}</>)}</p>;
      })}
    </>
  );
}
