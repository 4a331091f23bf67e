// A line chart of scores over time (uPlot, loaded only on pages that show one), with the
// same figures as a table for anyone who cannot see the chart.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '../lib/format.js';

// Distinct on white and against each other; the first is the brand blue.
export const SERIES_COLOURS = ['#1b5fa8', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

let uplotModule = null;
function loadUplot() {
  if (!uplotModule) {
    uplotModule = Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);
  }
  return uplotModule;
}

// One point per interview, in order (interviews close together in time stay apart);
// the dates are in the table. series: [{label, values: [number|null]}] aligned with
// `times` (unix ms, ascending).
export function ScoreChart({ title, times, series, height = 260 }) {
  const host = useRef(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let plot = null;
    let observer = null;
    let cancelled = false;
    loadUplot().then((UPlot) => {
      if (cancelled || !host.current) return;
      const width = Math.max(280, host.current.clientWidth);
      const data = [times.map((_, i) => i + 1), ...series.map((s) => s.values)];
      plot = new UPlot({
        width,
        height,
        scales: { x: { time: false, range: () => [0.5, times.length + 0.5] }, y: { range: [0, 100] } },
        axes: [
          {
            stroke: '#3d4f66', grid: { stroke: '#e3e9f1' }, ticks: { stroke: '#d6dfea' },
            incrs: [1, 2, 5, 10, 20, 50], values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? `#${v}` : '')),
          },
          { stroke: '#3d4f66', grid: { stroke: '#e3e9f1' }, ticks: { stroke: '#d6dfea' }, size: 44 },
        ],
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
            width: i === 0 ? 3 : 2,
            spanGaps: true,
            points: { size: 7, fill: '#fff' },
          })),
        ],
      }, data, host.current);
      observer = new ResizeObserver(() => {
        if (plot && host.current) plot.setSize({ width: Math.max(280, host.current.clientWidth), height });
      });
      observer.observe(host.current);
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [times, series, height]);

  return (
    <figure style={{ margin: 0 }}>
      <figcaption class="visually-hidden">{title}</figcaption>
      {failed
        ? <p class="muted">The chart could not be drawn; the figures are in the table below.</p>
        : <div class="chart-host" ref={host} aria-hidden="true" />}
      {series.length > 1 && (
        <ul class="legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.label}><span class="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} />{s.label}</li>
          ))}
        </ul>
      )}
      <details style={{ marginTop: '.5rem' }}>
        <summary>Show the figures as a table</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`${title}, as a table`}>
          <table class="data">
            <caption class="visually-hidden">{title}</caption>
            <thead><tr><th scope="col">Interview</th>{series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}</tr></thead>
            <tbody>
              {times.map((t, row) => (
                <tr key={`${t}-${row}`}>
                  <th scope="row">#{row + 1}, {formatDate(t)}</th>
                  {series.map((s) => <td key={s.label}>{s.values[row] ?? '–'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
