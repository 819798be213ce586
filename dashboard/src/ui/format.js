// Display helpers. Prices and sizes are shown as the strings the server sent; Number() only for derived figures.

/** Number of decimals in a decimal string ("64012.10" → 2). */
export function decimalsOf(text) {
  const i = typeof text === 'string' ? text.indexOf('.') : -1;
  return i < 0 ? 0 : text.length - i - 1;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Local HH:MM:SS.mmm of an epoch-ms time. */
export function timeOfDay(ms) {
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return '—';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Compact volume text for derived numbers (12.3K, 4.56M). */
export function compact(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}K`;
  return String(value);
}

/** Calls `render` at most once per animation frame however often `schedule()` is called. */
export function frameScheduler(render) {
  let queued = false;
  const raf = globalThis.requestAnimationFrame ?? ((fn) => setTimeout(fn, 16));
  return function schedule() {
    if (queued) return;
    queued = true;
    raf(() => {
      queued = false;
      render();
    });
  };
}
