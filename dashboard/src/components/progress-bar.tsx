/** Progress towards a target, drawn; the figure is always given in text beside it. */
export function ProgressBar({ pct, tone = 'enrolled' }: { pct: number | null; tone?: 'enrolled' | 'placed' | 'women' }) {
  if (pct === null) return <div className="progress progress--none" aria-hidden="true" />;
  const width = Math.max(0, Math.min(pct, 100));
  return (
    <div className={`progress progress--${tone}${pct >= 100 ? ' progress--met' : ''}`} aria-hidden="true">
      <div className="progress__fill" style={{ width: `${width}%` }} />
    </div>
  );
}
