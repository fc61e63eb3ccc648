import { facilityUrl } from '@domain/facilities/rules';
import { FACILITY_KIND_INFO, type FacilityKind } from '@domain/facilities/schemas';
import QRCode from 'qrcode';
import type { FacilityRow } from './queries';

/**
 * A facility's QR code as SVG: sharp at any print size, and error correction M so a label that is
 * scuffed or rained on still scans.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The print-ready sheet of a village's labels: A4 pages of 3 × 4 labels, each with its QR code, code,
 * kind and place, sized so a phone camera reads the code from arm's length.
 */
export async function labelSheet(
  title: string,
  facilities: readonly FacilityRow[],
  publicBaseUrl: string,
): Promise<string> {
  const labels = await Promise.all(
    facilities.map(async (f) => {
      const url = facilityUrl(publicBaseUrl, f.code);
      const kind = FACILITY_KIND_INFO[f.kind as FacilityKind];
      return `<figure class="label" data-code="${escapeHtml(f.code)}" data-url="${escapeHtml(url)}">
  <div class="qr">${await qrSvg(url)}</div>
  <figcaption><strong>${escapeHtml(f.code)}</strong><span>${escapeHtml(kind.zh)} · ${escapeHtml(f.place)}</span>
  <small>扫码上报 · Scan to report</small></figcaption>
</figure>`;
    }),
  );
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 设施二维码 Facility QR labels</title>
<style>
  @page { size: A4; margin: 10mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #000; }
  header { padding: 4mm 0; font-size: 12pt; }
  header p { margin: 1mm 0 0; font-size: 9pt; color: #555; }
  .sheet { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }
  .label { margin: 0; height: 64mm; border: 0.3mm dashed #999; padding: 3mm; display: flex; flex-direction: column;
    align-items: center; justify-content: center; break-inside: avoid; page-break-inside: avoid; }
  .qr { width: 40mm; height: 40mm; }
  .qr svg { width: 100%; height: 100%; }
  figcaption { text-align: center; line-height: 1.3; margin-top: 2mm; }
  figcaption strong { display: block; font-size: 12pt; letter-spacing: 0.5pt; }
  figcaption span { display: block; font-size: 9pt; }
  figcaption small { display: block; font-size: 7pt; color: #555; }
  @media print { header p { display: none; } }
</style>
</head>
<body>
<header><strong>${escapeHtml(title)}</strong> · 设施二维码 ${facilities.length} 张
<p>用浏览器打印（Ctrl+P），纸张 A4，边距默认。Print with the browser (Ctrl+P) on A4.</p></header>
<main class="sheet">
${labels.join('\n')}
</main>
</body>
</html>`;
}

/** What a phone camera shows for a code that is on no facility: a page a villager can read, not JSON. */
export function unknownFacilityPage(code: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>找不到该设施 · Facility not found</title>
<style>body{font-family:sans-serif;padding:24px;max-width:480px;margin:0 auto;line-height:1.6}
h1{font-size:20px}a{display:inline-block;margin-top:12px;padding:10px 16px;background:#c8102e;color:#fff;border-radius:8px;text-decoration:none}</style>
</head>
<body>
<h1>找不到编码为「${escapeHtml(code)}」的设施</h1>
<p>二维码可能已失效或被更换。您仍可在「小院家」里随手拍上报。</p>
<p lang="en">No facility has the code “${escapeHtml(code)}”. The label may be out of date; you can still report from the app.</p>
<a href="/mobile/">打开小院家 · Open the app</a>
</body>
</html>`;
}
