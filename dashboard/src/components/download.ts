// Browser downloads of a chart's picture and data. Kept apart from the pure table model.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled, not before.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(csv: string, fileName: string): void {
  // The BOM lets spreadsheet programs read accented and Greek labels as UTF-8.
  downloadBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), fileName);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart picture could not be read'));
    image.src = src;
  });
}

/**
 * The chart with its title and a source line above it, as a PNG: a picture pasted into a
 * report must still say what it shows and for which selection.
 */
export async function downloadChartPng(chartPng: string, title: string, subtitle: string, fileName: string): Promise<void> {
  const chart = await loadImage(chartPng);
  const scale = 2;
  const pad = 16 * scale;
  const titleSize = 18 * scale;
  const subSize = 12 * scale;
  const head = pad + titleSize + 8 * scale + subSize + pad;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + head;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1d2733';
  ctx.textBaseline = 'top';
  ctx.font = `600 ${titleSize}px system-ui, "Noto Sans", "DejaVu Sans", sans-serif`;
  ctx.fillText(title, pad, pad, canvas.width - 2 * pad);
  ctx.fillStyle = '#5b6673';
  ctx.font = `${subSize}px system-ui, "Noto Sans", "DejaVu Sans", sans-serif`;
  ctx.fillText(subtitle, pad, pad + titleSize + 8 * scale, canvas.width - 2 * pad);
  ctx.drawImage(chart, 0, head);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the PNG could not be made');
  downloadBlob(blob, fileName);
}
