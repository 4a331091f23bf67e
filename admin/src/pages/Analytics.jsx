// The analytics dashboard: the north star and its counter metrics week by week, with charts
// (uPlot) and CSV export.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import { api, download } from '../api.js';
import { ErrorNote, Field, Loading, useAction, useLoad } from '../components.jsx';

const PERCENT = [0, 100];
const RATING = [1, 5];

// `range`: fixed [min, max] of the y axis for bounded figures (percentages, 1-5 ratings).
function Chart({ title, weeks, series, range }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const x = weeks.map((w) => w.week / 1000);
    const data = [x, ...series.map((s) => weeks.map(s.value))];
    const plot = new uPlot(
      {
        title,
        width: Math.min(560, box.current.clientWidth || 560),
        height: 220,
        scales: { x: { time: true }, ...(range ? { y: { range } } : {}) },
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: true } }))],
        axes: [{}, { size: 50 }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [weeks, title, range]);
  return <figure class="chart" ref={box} aria-label={title} />;
}

function Figure({ label, value, unit = '' }) {
  return (
    <div class="figure">
      <span class="value">{value === null || value === undefined ? '—' : `${value}${unit}`}</span>
      <span class="label">{label}</span>
    </div>
  );
}

export function Analytics() {
  const [weeks, setWeeks] = useState(12);
  const [data, error] = useLoad(() => api.get(`/api/admin/analytics?weeks=${weeks}`), [weeks]);
  const exporting = useAction();
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="the dashboard" />;
  const s = data.summary;
  const rows = data.weeks;
  return (
    <div>
      <div class="row">
        <Field label="Weeks">
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} name="weeks">
            {[4, 8, 12, 26, 52].map((n) => <option value={n} key={n}>{n}</option>)}
          </select>
        </Field>
        <button class="secondary" onClick={() => exporting.run(() => download(`/api/admin/analytics/export?weeks=${weeks}`, 'weeks.csv'))}>
          Export weeks (CSV)
        </button>
        <button class="secondary" onClick={() => exporting.run(() => download(`/api/admin/analytics/export?weeks=${weeks}&table=ratings`, 'ratings.csv'))}>
          Export ratings (CSV)
        </button>
      </div>
      <ErrorNote error={exporting.error} />
      <div class="figures">
        <Figure label="sessions completed last week (north star)" value={s.completedLastWeek} />
        <Figure label="completion rate" value={s.completionRate} unit=" %" />
        <Figure label="weekly active users (last week)" value={s.weeklyActiveUsers} />
        <Figure label={`average feedback helpfulness (${s.ratings} ratings)`} value={s.averageHelpfulness} unit=" / 5" />
        <Figure label="D7 repeat usage" value={s.d7RepeatRate} unit=" %" />
        <Figure label={`free-to-paid (${s.freeToPaid.payingUsers} of ${s.freeToPaid.usersWhoUsedFree})`} value={s.freeToPaid.rate} unit=" %" />
      </div>
      <div class="grid">
        <Chart title="Sessions per week" weeks={rows} series={[
          { label: 'completed', color: '#134074', value: (w) => w.sessionsCompleted },
          { label: 'started', color: '#8da9c4', value: (w) => w.sessionsStarted },
        ]} />
        <Chart title="Completion rate (%)" weeks={rows} range={PERCENT} series={[{ label: 'completion %', color: '#2a7f62', value: (w) => w.completionRate }]} />
        <Chart title="Weekly active users" weeks={rows} series={[{ label: 'active users', color: '#7b2d8b', value: (w) => w.activeUsers }]} />
        <Chart title="Feedback helpfulness (1-5)" weeks={rows} range={RATING} series={[{ label: 'helpfulness', color: '#b5651d', value: (w) => w.helpfulness.average }]} />
        <Chart title="D7 repeat usage (%)" weeks={rows} range={PERCENT} series={[{ label: 'D7 %', color: '#134074', value: (w) => w.d7.rate }]} />
        <Chart title="Free-to-paid conversion (%)" weeks={rows} range={PERCENT} series={[{ label: 'conversion %', color: '#9b1d20', value: (w) => w.conversion.rate }]} />
      </div>
      <h2>Ratings by model</h2>
      <div class="scroll">
        <table>
          <thead><tr><th>Model version</th><th>Ratings</th><th>Realism</th><th>Ease of use</th><th>Feedback helpfulness</th><th>Overall</th></tr></thead>
          <tbody>
            {data.ratingsByModel.map((g) => (
              <tr key={g.modelVersion}>
                <td><code>{g.modelVersion}</code></td><td>{g.ratings}</td><td>{g.realism.toFixed(2)}</td><td>{g.easeOfUse.toFixed(2)}</td>
                <td>{g.feedbackHelpfulness.toFixed(2)}</td><td>{g.overallSatisfaction.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.ratingsByModel.length === 0 && <p class="muted">No ratings in this range.</p>}
      </div>
      <p class="muted">Queries took {Object.values(data.queryMs).reduce((a, b) => a + b, 0).toFixed(1)} ms in all.</p>
    </div>
  );
}
