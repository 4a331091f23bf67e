// Setting up an interview: the format, then its options (industry, role, level, type,
// company style, difficulty, number of questions, technologies, length), and a resume.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { queryParam } from '../lib/router.jsx';
import { useAccount } from '../lib/store.js';
import { label } from '../lib/format.js';
import { startInterview } from '../lib/interviews.js';
import { ErrorMessage, Field, Loading, PageHeading, useId } from '../components/ui.jsx';
import { ResumeUpload } from '../components/ResumeUpload.jsx';
import { PlanNotice, usePlan } from '../components/Plan.jsx';
import { notCovered } from '../lib/billing.js';

const ORDER = ['industry', 'role', 'roleLevel', 'interviewType', 'company', 'difficulty', 'questionCount',
  'technologies', 'language', 'minutes', 'ownQuestions'];

function orderedOptions(options) {
  const keys = Object.keys(options || {});
  return keys.sort((a, b) => {
    const ia = ORDER.indexOf(a) === -1 ? 99 : ORDER.indexOf(a);
    const ib = ORDER.indexOf(b) === -1 ? 99 : ORDER.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
}

// "Amazon" in the profile's target companies picks the "amazon-style" choice.
function companyStyleFor(profile, choices) {
  for (const company of profile?.targetCompanies || []) {
    const style = `${company.toLowerCase().trim()}-style`;
    if (choices.includes(style)) return style;
  }
  return null;
}

function defaultsFor(format, profile) {
  const values = {};
  Object.entries(format.options || {}).forEach(([key, option]) => {
    values[key] = Array.isArray(option.default) ? [...option.default] : option.default;
  });
  const opts = format.options || {};
  if (profile?.level && opts.roleLevel?.choices?.includes(profile.level)) values.roleLevel = profile.level;
  if (profile?.role && opts.role && typeof opts.role.default === 'string') values.role = profile.role.slice(0, opts.role.maxLength || 80);
  const style = opts.company?.choices ? companyStyleFor(profile, opts.company.choices) : null;
  if (style) values.company = style;
  return values;
}

function OptionControl({ name, option, value, onChange }) {
  const groupId = useId('opt');
  const title = option.label || label(name);
  if (option.choices && option.multiple) {
    const chosen = new Set(value || []);
    return (
      <fieldset>
        <legend class="label">{title}</legend>
        <div class="choices" style={{ marginTop: '.35rem' }}>
          {option.choices.map((choice) => (
            <label class="choice" key={choice}>
              <input type="checkbox" checked={chosen.has(choice)} onChange={(e) => {
                const next = new Set(chosen);
                if (e.currentTarget.checked) next.add(choice); else next.delete(choice);
                onChange(option.choices.filter((c) => next.has(c)));
              }} />
              {label(choice)}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (option.choices && option.choices.length === 1) {
    return (
      <div class="field">
        <span class="label" id={groupId}>{title}</span>
        <span aria-labelledby={groupId}>{label(option.choices[0])}</span>
      </div>
    );
  }
  if (option.choices) {
    return (
      <Field label={title}>
        {(props) => (
          <select {...props} value={String(value)} onChange={(e) => {
            const raw = e.currentTarget.value;
            onChange(typeof option.choices[0] === 'number' ? Number(raw) : raw);
          }}>
            {option.choices.map((choice) => <option key={choice} value={String(choice)}>{label(choice)}</option>)}
          </select>
        )}
      </Field>
    );
  }
  if (typeof option.default === 'number') {
    return (
      <Field label={title} hint={option.min !== undefined ? `From ${option.min} to ${option.max}.` : undefined}>
        {(props) => <input {...props} type="number" inputMode="numeric" min={option.min} max={option.max} step="1"
          value={value} onInput={(e) => onChange(e.currentTarget.value === '' ? '' : Number(e.currentTarget.value))} />}
      </Field>
    );
  }
  if (typeof option.default === 'boolean') {
    return (
      <div class="field">
        <label class="choice" style={{ alignSelf: 'flex-start' }}>
          <input type="checkbox" checked={!!value} onChange={(e) => onChange(e.currentTarget.checked)} />
          {title}
        </label>
      </div>
    );
  }
  return (
    <Field label={title}>
      {(props) => <input {...props} type="text" maxLength={option.maxLength || 120} value={value || ''} onInput={(e) => onChange(e.currentTarget.value)} />}
    </Field>
  );
}

function problemWith(format, values) {
  for (const [key, option] of Object.entries(format.options || {})) {
    const v = values[key];
    if (typeof option.default === 'number' && !option.choices) {
      if (v === '' || !Number.isInteger(v) || (option.min !== undefined && v < option.min) || (option.max !== undefined && v > option.max)) {
        return `${option.label || label(key)} must be a whole number from ${option.min} to ${option.max}.`;
      }
    }
    if (option.multiple && option.choices && (!v || v.length === 0)) return `Choose at least one of ${option.label || label(key)}.`;
  }
  return null;
}

export function Setup({ search }) {
  const { onboarding } = useAccount();
  const formats = useLoad(() => api('/formats'), []);
  const { plan, reload: reloadPlan } = usePlan();
  const [formatId, setFormatId] = useState(queryParam(search, 'format') || 'behavioral');
  const [values, setValues] = useState({});
  const [problem, setProblem] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const list = formats.data?.formats || [];
  const format = useMemo(() => list.find((f) => f.id === formatId) || list[0], [list, formatId]);
  useEffect(() => {
    if (format) setValues(defaultsFor(format, onboarding?.profile));
  }, [format]);

  const uncovered = notCovered(plan?.tier, format, values);

  const submit = async (event) => {
    event.preventDefault();
    const found = problemWith(format, values);
    setProblem(found);
    if (found) return;
    setBusy(true);
    setError(null);
    try {
      await startInterview({ format: format.id, ...values });
    } catch (e) {
      setError(e);
      setBusy(false);
      if (e.status === 402) reloadPlan();  // the plan may have changed since the page opened
    }
  };

  return (
    <>
      <PageHeading title="Set up an interview" subtitle="Choose the kind of interview, then tune it to the job you want." />
      {formats.loading && <Loading label="Loading interview types…" />}
      <ErrorMessage error={formats.error} doing="load the interview types" onRetry={formats.reload} />
      <PlanNotice plan={plan} showTiers={error?.status !== 402} />
      {format && (
        <form onSubmit={submit} noValidate>
          <section class="card" aria-labelledby="format-heading">
            <h2 id="format-heading">Interview type</h2>
            <div class="format-cards" role="radiogroup" aria-labelledby="format-heading">
              {list.map((f) => (
                <label class="format-card" key={f.id}>
                  <input type="radio" name="format" value={f.id} checked={f.id === format.id} onChange={() => setFormatId(f.id)} />
                  <span class="name">{f.title}</span>
                  <span class="meta">{label(f.kind)}{f.minutes ? ` · about ${f.minutes} min` : ''}</span>
                  {notCovered(plan?.tier, f) && <span class="meta plan-limit">Not in the {plan.tier.name} plan</span>}
                  {f.description && <span class="desc">{f.description}</span>}
                </label>
              ))}
            </div>
          </section>
          <div class="grid two" style={{ marginTop: '1rem', alignItems: 'start' }}>
            <section class="card" aria-labelledby="options-heading">
              <h2 id="options-heading">Options for {format.title}</h2>
              {orderedOptions(format.options).map((key) => (
                <OptionControl key={`${format.id}-${key}`} name={key} option={format.options[key]} value={values[key]}
                  onChange={(v) => setValues({ ...values, [key]: v })} />
              ))}
            </section>
            <section class="card" aria-labelledby="resume-heading">
              <h2 id="resume-heading">Your resume (optional)</h2>
              <ResumeUpload />
            </section>
          </div>
          <div class="card" style={{ marginTop: '1rem' }}>
            {problem && <div class="alert error" role="alert"><div class="alert-body"><p>{problem}</p></div></div>}
            {uncovered && !error && <div class="alert warn" role="status"><div class="alert-body"><p>{uncovered}</p></div></div>}
            <ErrorMessage error={error} doing="start the interview" />
            <div class="row">
              <p class="muted" style={{ margin: 0 }}>The interview starts as soon as you press start. You can pause at any time.</p>
              <span class="spacer" />
              <button class="btn" type="submit" disabled={busy}>{busy ? 'Starting…' : `Start ${format.title.toLowerCase()}`}</button>
            </div>
          </div>
        </form>
      )}
    </>
  );
}
