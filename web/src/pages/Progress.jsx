// Progress over time: the overall score and each category per interview (uPlot), and the
// breakdowns by category, company style and question category.
import { useMemo } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { Link } from '../lib/router.jsx';
import { label } from '../lib/format.js';
import { ErrorMessage, Loading, PageHeading } from '../components/ui.jsx';
import { ScoreChart } from '../components/Chart.jsx';

function change(value) {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '±0';
  return value > 0 ? `+${value}` : String(value);
}

export function Progress() {
  const progress = useLoad(() => api('/progress'), []);
  const data = progress.data;
  const chart = useMemo(() => {
    if (!data) return null;
    const names = data.categories.map((c) => c.name);
    return {
      times: data.trend.map((t) => t.createdAt),
      series: [
        { label: 'Overall', values: data.trend.map((t) => t.overallScore) },
        ...names.map((name) => ({ label: name, values: data.trend.map((t) => t.categories?.[name] ?? null) })),
      ],
    };
  }, [data]);

  return (
    <>
      <PageHeading title="Your progress" subtitle="How your scores move from one interview to the next." />
      {progress.loading && <Loading />}
      <ErrorMessage error={progress.error} doing="load your progress" onRetry={progress.reload} />
      {data && data.sessionCount === 0 && (
        <div class="card"><p>Your progress appears once you have a report. <Link href="/new">Start an interview</Link>.</p></div>
      )}
      {data && data.sessionCount > 0 && (
        <div class="stack">
          <div class="grid stats">
            <div class="card stat"><span class="label">Interviews scored</span><span class="value">{data.sessionCount}</span></div>
            <div class="card stat"><span class="label">Average score</span><span class="value">{data.overall.average ?? '–'}</span></div>
            <div class="card stat"><span class="label">Best score</span><span class="value">{data.overall.best ?? '–'}</span></div>
            <div class="card stat"><span class="label">Change since your first</span><span class="value">{change(data.overall.change)}</span></div>
          </div>
          <section class="card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">Scores over time</h2>
            <ScoreChart title="Overall and category scores per interview" times={chart.times} series={chart.series} />
          </section>
          <section class="card" aria-labelledby="cat-heading">
            <h2 id="cat-heading">By category</h2>
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Scores by category">
              <table class="data">
                <caption class="visually-hidden">Scores by category</caption>
                <thead><tr><th scope="col">Category</th><th scope="col">Interviews</th><th scope="col">Average</th><th scope="col">First</th><th scope="col">Latest</th><th scope="col">Change</th></tr></thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">{c.name}{data.strongestCategory?.name === c.name ? ' (strongest)' : ''}{data.weakestCategory?.name === c.name ? ' (weakest)' : ''}</th>
                      <td>{c.sessions}</td><td>{c.average ?? '–'}</td><td>{c.first ?? '–'}</td><td>{c.latest ?? '–'}</td><td>{change(c.change)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <div class="grid two" style={{ alignItems: 'start' }}>
            <section class="card" aria-labelledby="company-heading">
              <h2 id="company-heading">By company style</h2>
              <table class="data">
                <caption class="visually-hidden">Scores by company style</caption>
                <thead><tr><th scope="col">Style</th><th scope="col">Interviews</th><th scope="col">Average</th><th scope="col">Best</th></tr></thead>
                <tbody>
                  {data.byCompany.map((c) => (
                    <tr key={c.company}><th scope="row">{c.company === 'none' ? 'No company style' : label(c.company)}</th><td>{c.sessions}</td><td>{c.averageScore ?? '–'}</td><td>{c.bestScore ?? '–'}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="card" aria-labelledby="qcat-heading">
              <h2 id="qcat-heading">By question category</h2>
              <table class="data">
                <caption class="visually-hidden">Scores by question category</caption>
                <thead><tr><th scope="col">Category</th><th scope="col">Answers</th><th scope="col">Average</th></tr></thead>
                <tbody>
                  {data.byQuestionCategory.map((c) => (
                    <tr key={c.category}><th scope="row">{label(c.category)}</th><td>{c.answers}</td><td>{c.averageScore ?? '–'}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </div>
      )}
    </>
  );
}
