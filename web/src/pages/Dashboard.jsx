// The dashboard: quick start (with the plan, when it limits), interviews to continue, recent
// sessions with scores, the score trend and the strongest and weakest area.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { Link } from '../lib/router.jsx';
import { useAccount } from '../lib/store.js';
import { formatDate, hireTone, label, sentence, statusTone } from '../lib/format.js';
import { interviewHref, isLive, startInterview } from '../lib/interviews.js';
import { Badge, ErrorMessage, Loading, PageHeading } from '../components/ui.jsx';
import { ScoreChart } from '../components/Chart.jsx';
import { PlanNotice, usePlan } from '../components/Plan.jsx';

function quickSetup(profile) {
  const setup = { format: 'behavioral' };
  if (profile?.level) setup.roleLevel = profile.level;
  if (profile?.role) setup.role = profile.role;
  return setup;
}

function profileIsEmpty(profile) {
  return !profile || (!profile.role && !profile.level && !profile.targetCompanies?.length &&
    !profile.weakAreas?.length && !profile.interviewTimeline);
}

export function Dashboard() {
  const { user, onboarding } = useAccount();
  const history = useLoad(() => api('/interviews'), []);
  const progress = useLoad(() => api('/progress'), []);
  const { plan, reload: reloadPlan } = usePlan();
  // Growth tracking is a paid feature: on the free plan the engine answers 402 with why.
  const notTracked = progress.error?.status === 402 ? sentence(progress.error.message) : null;
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState(null);

  const quickStart = async () => {
    setStarting(true);
    setStartError(null);
    try {
      await startInterview(quickSetup(onboarding?.profile));
    } catch (e) {
      setStartError(e);
      setStarting(false);
      if (e.status === 402) reloadPlan();  // the plan may have changed since the page opened
    }
  };

  const interviews = history.data?.interviews || [];
  const live = interviews.filter(isLive);
  const recent = interviews.filter((i) => !isLive(i)).slice(0, 5);
  const trend = progress.data?.trend || [];
  const chart = useMemo(() => ({
    times: trend.map((t) => t.createdAt),
    series: [{ label: 'Overall score', values: trend.map((t) => t.overallScore) }],
  }), [progress.data]);
  const firstName = (user?.name || '').split(' ')[0];

  return (
    <>
      <PageHeading title={`Welcome, ${firstName}`} subtitle="Pick up where you left off, or start a new mock interview." />
      <div class="grid two">
        <section class="card" aria-labelledby="quick-start">
          <h2 id="quick-start">Quick start</h2>
          <p>A 30-minute behavioral interview: "tell me about yourself" and questions about your experience.</p>
          <PlanNotice plan={plan} showTiers={startError?.status !== 402} />
          <ErrorMessage error={startError} doing="start the interview" />
          <div class="row">
            <button type="button" class="btn" onClick={quickStart} disabled={starting}>{starting ? 'Starting…' : 'Start a behavioral interview'}</button>
            <Link class="btn secondary" href="/new">Choose another interview</Link>
          </div>
        </section>
        <section class="card" aria-labelledby="areas">
          <h2 id="areas">Your areas</h2>
          {progress.loading && <Loading />}
          {notTracked ? <p class="muted">{notTracked}</p>
            : <ErrorMessage error={progress.error} doing="load your progress" onRetry={progress.reload} />}
          {progress.data && (progress.data.sessionCount === 0
            ? <p class="muted">Finish your first interview to see your strongest and weakest areas here.</p>
            : (
              <div class="grid stats">
                <div class="stat"><span class="label">Strongest</span><span class="value" style={{ fontSize: '1.2rem' }}>{progress.data.strongestCategory?.name || '–'}</span>
                  <span class="muted small">{progress.data.strongestCategory ? `average ${progress.data.strongestCategory.average}` : ''}</span></div>
                <div class="stat"><span class="label">Needs work</span><span class="value" style={{ fontSize: '1.2rem' }}>{progress.data.weakestCategory?.name || '–'}</span>
                  <span class="muted small">{progress.data.weakestCategory ? `average ${progress.data.weakestCategory.average}` : ''}</span></div>
                <div class="stat"><span class="label">Interviews scored</span><span class="value">{progress.data.sessionCount}</span></div>
                <div class="stat"><span class="label">Average score</span><span class="value">{progress.data.overall.average ?? '–'}</span></div>
              </div>
            ))}
        </section>
      </div>

      {profileIsEmpty(onboarding?.profile) && (
        <div class="alert info" style={{ marginTop: '1rem' }}>
          <div class="alert-body">
            <p><strong>Tell us what you are preparing for.</strong> Your role, level and target companies set up each new interview for you.</p>
          </div>
          <Link class="btn small secondary" href="/profile">Set your goals</Link>
        </div>
      )}

      {live.length > 0 && (
        <section class="card" aria-labelledby="continue" style={{ marginTop: '1rem' }}>
          <h2 id="continue">Continue where you left off</h2>
          <ul class="list">
            {live.map((item) => (
              <li key={item.id}>
                <span class="title">{item.formatTitle}</span>
                <Badge tone={statusTone(item.status)}>{label(item.status)}</Badge>
                <span class="muted small">started {formatDate(item.createdAt)}</span>
                <span class="spacer" />
                <Link class="btn small" href={interviewHref(item)} aria-label={`Continue ${item.formatTitle} from ${formatDate(item.createdAt)}`}>Continue</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="grid two" style={{ marginTop: '1rem' }}>
        <section class="card" aria-labelledby="trend">
          <h2 id="trend">Score trend</h2>
          {notTracked && <p class="muted">{notTracked} Each interview's score is under Recent interviews and in its report.</p>}
          {progress.data && trend.length === 0 && <p class="muted">Your scores will appear here after your first report.</p>}
          {trend.length > 0 && <ScoreChart title="Overall score per interview" times={chart.times} series={chart.series} height={220} />}
          {trend.length > 0 && <p class="small" style={{ marginTop: '.5rem' }}><Link href="/progress">See progress by category</Link></p>}
        </section>
        <section class="card" aria-labelledby="recent">
          <h2 id="recent">Recent interviews</h2>
          {history.loading && <Loading />}
          <ErrorMessage error={history.error} doing="load your interviews" onRetry={history.reload} />
          {history.data && recent.length === 0 && <p class="muted">No finished interviews yet.</p>}
          <ul class="list">
            {recent.map((item) => (
              <li key={item.id}>
                <div style={{ flex: '1 1 12rem' }}>
                  <Link class="title" href={interviewHref(item)}>{item.formatTitle}</Link>
                  <div class="muted small">{formatDate(item.createdAt)} · {label(item.status)}</div>
                </div>
                {item.summary && (
                  <>
                    <span class="stat"><span class="value" style={{ fontSize: '1.3rem' }}>{Math.round(item.summary.overallScore)}</span></span>
                    <Badge tone={hireTone(item.summary.hireSignal)}>{item.summary.hireSignal}</Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
          {recent.length > 0 && <p class="small"><Link href="/history">All interviews</Link></p>}
        </section>
      </div>
    </>
  );
}
