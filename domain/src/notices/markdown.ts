/**
 * The markdown a notice or charter may use: headings (#, ##), bullet and numbered lists, paragraphs and
 * **bold**. It is parsed into plain data that the screens turn into elements, so no text a publisher
 * types is ever interpreted as HTML: `<script>` stays the eight characters it is.
 */
export interface Span {
  text: string;
  bold: boolean;
}
export type Block =
  | { type: 'heading'; level: 1 | 2; spans: Span[] }
  | { type: 'list'; ordered: boolean; items: Span[][] }
  | { type: 'paragraph'; lines: Span[][] };

export function parseSpans(line: string): Span[] {
  const spans: Span[] = [];
  const parts = line.split('**');
  // An unpaired ** is text, not the start of bold that never ends.
  const paired = parts.length % 2 === 1;
  parts.forEach((text, i) => {
    if (!paired && i === parts.length - 1 && i > 0) {
      const last = spans[spans.length - 1];
      if (last && !last.bold) last.text += `**${text}`;
      else spans.push({ text: `**${text}`, bold: false });
      return;
    }
    if (text) spans.push({ text, bold: i % 2 === 1 });
  });
  return spans;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.、)]\s*(.*)$/;
const HEADING = /^(#{1,2})\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Span[][] | null = null;
  let list: { ordered: boolean; items: Span[][] } | null = null;
  const close = () => {
    if (paragraph) blocks.push({ type: 'paragraph', lines: paragraph });
    if (list) blocks.push({ type: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      blocks.push({
        type: 'heading',
        level: (heading[1] as string).length as 1 | 2,
        spans: parseSpans(heading[2] as string),
      });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = !!numbered;
      if (!list || list.ordered !== ordered) {
        close();
        list = { ordered, items: [] };
      }
      list.items.push(parseSpans(item[1] as string));
      continue;
    }
    if (list) close();
    paragraph ??= [];
    paragraph.push(parseSpans(line.trim()));
  }
  close();
  return blocks;
}
