import { type Block, parseMarkdown, type Span } from '@domain/notices/markdown';
import type { CSSProperties } from 'react';

function Spans({ spans }: { spans: Span[] }) {
  // Index keys: the spans of one line never reorder.
  return (
    <>
      {spans.map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the spans of one line never reorder
        s.bold ? <strong key={i}>{s.text}</strong> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  if (block.type === 'heading') {
    const style: CSSProperties = { fontSize: block.level === 1 ? 18 : 16, margin: '12px 0 6px' };
    return block.level === 1 ? (
      <h3 style={style}>
        <Spans spans={block.spans} />
      </h3>
    ) : (
      <h4 style={style}>
        <Spans spans={block.spans} />
      </h4>
    );
  }
  if (block.type === 'list') {
    const items = block.items.map((spans, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: list items are shown in the order written
      <li key={i}>
        <Spans spans={spans} />
      </li>
    ));
    const style: CSSProperties = { paddingLeft: 22, margin: '6px 0' };
    return block.ordered ? <ol style={style}>{items}</ol> : <ul style={style}>{items}</ul>;
  }
  return (
    <p style={{ margin: '6px 0' }}>
      {block.lines.map((spans, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are shown in the order written
        <span key={i}>
          {i > 0 && <br />}
          <Spans spans={spans} />
        </span>
      ))}
    </p>
  );
}

/**
 * A notice or charter as its author formatted it. Elements are built from parsed data, never from
 * HTML, so markup typed into a notice shows as text.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div style={{ lineHeight: 1.7, wordBreak: 'break-word' }}>
      {parseMarkdown(source).map((block, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks are shown in the order written
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
