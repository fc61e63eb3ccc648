import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseSpans } from './markdown';

describe('notice markdown', () => {
  it('keeps plain text as paragraphs, one line per line typed', () => {
    expect(parseMarkdown('第一行\n第二行\n\n另一段')).toEqual([
      {
        type: 'paragraph',
        lines: [[{ text: '第一行', bold: false }], [{ text: '第二行', bold: false }]],
      },
      { type: 'paragraph', lines: [[{ text: '另一段', bold: false }]] },
    ]);
  });

  it('reads headings, bullet and numbered lists, and bold', () => {
    const blocks = parseMarkdown('# 院规院约\n- 门前**三包**\n- 垃圾分类\n1. 第一条\n2、第二条\n结尾');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'list', 'list', 'paragraph']);
    expect(blocks[1]).toEqual({
      type: 'list',
      ordered: false,
      items: [
        [
          { text: '门前', bold: false },
          { text: '三包', bold: true },
        ],
        [{ text: '垃圾分类', bold: false }],
      ],
    });
    expect(blocks[2]).toMatchObject({ ordered: true, items: [[{ text: '第一条' }], [{ text: '第二条' }]] });
  });

  it('leaves markup as text and an unpaired ** as typed', () => {
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([
      { type: 'paragraph', lines: [[{ text: '<script>alert(1)</script>', bold: false }]] },
    ]);
    expect(parseSpans('a **b')).toEqual([{ text: 'a **b', bold: false }]);
    expect(parseSpans('**a** **b')).toEqual([
      { text: 'a', bold: true },
      { text: ' **b', bold: false },
    ]);
  });
});
