/** `label` names the bar for screen readers; `axis`, when given, is the shorter text under it (8 weeks fit). */
export interface Bar { label: string; axis?: string; value: number; highlight?: boolean }

const WIDTH = 320;
const HEIGHT = 140;
const AXIS = 22;

/**
 * A small SVG bar chart. Screen readers get the same numbers as a table (the picture is
 * aria-hidden), so nothing is only visual.
 */
export function BarChart({ title, bars, format = String }: { title: string; bars: Bar[]; format?: (v: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = WIDTH / Math.max(1, bars.length);
  const barWidth = Math.min(36, slot * 0.6);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} aria-hidden="true" focusable="false">
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} class="axis" />
        {bars.map((bar, i) => {
          const h = (bar.value / max) * (HEIGHT - 18);
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.label}>
              <rect x={x} y={HEIGHT - h} width={barWidth} height={h} rx={3} class={bar.highlight ? 'bar highlight' : 'bar'} />
              {bar.value > 0 && <text x={x + barWidth / 2} y={HEIGHT - h - 4} class="bar-value">{format(bar.value)}</text>}
              <text x={x + barWidth / 2} y={HEIGHT + 16} class="bar-label">{bar.axis ?? bar.label}</text>
            </g>
          );
        })}
      </svg>
      <table class="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {bars.map((bar) => <tr key={bar.label}><th scope="row">{bar.label}</th><td>{format(bar.value)}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}
