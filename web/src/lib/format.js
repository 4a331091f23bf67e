// Words and numbers as a person reads them: option labels, dates, durations, scores.

const LABELS = {
  general: 'General', tech: 'Tech', finance: 'Finance', healthcare: 'Healthcare', consulting: 'Consulting',
  entry: 'Entry / junior', mid: 'Mid', senior: 'Senior', staff: 'Staff',
  none: 'No company style', 'amazon-style': 'Amazon style', 'google-style': 'Google style',
  'meta-style': 'Meta style', 'startup-style': 'Startup style',
  mixed: 'Mixed', easy: 'Easy', medium: 'Medium', hard: 'Hard',
  python: 'Python', javascript: 'JavaScript', cpp: 'C++', react: 'React', java: 'Java', sql: 'SQL',
  backend: 'Backend', frontend: 'Frontend', data: 'Data',
  behavioral: 'Behavioral', technical: 'Technical', coding: 'Coding', case_study: 'Case study',
  system_design: 'System design',
  in_progress: 'In progress', paused: 'Paused', completed: 'Completed', ended: 'Ended early', failed: 'Failed',
  this_week: 'This week', within_a_month: 'Within a month', within_three_months: 'Within three months',
  exploring: 'Just exploring',
};

export function label(value) {
  if (value === null || value === undefined) return '';
  const key = String(value);
  if (LABELS[key]) return LABELS[key];
  return key.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function formatDate(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

// 1052 -> "17:32"; 3700 -> "1:01:40"
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

// For screen readers: "17 minutes 32 seconds".
export function spokenDuration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const m = Math.floor(s / 60);
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s % 60 || !m) parts.push(`${s % 60} second${s % 60 === 1 ? '' : 's'}`);
  return parts.join(' ');
}

export function scoreTone(score) {
  if (score === null || score === undefined) return '';
  if (score >= 75) return 'good';
  if (score >= 55) return 'warn';
  return 'bad';
}

export function hireTone(signal) {
  if (signal === 'Strong Hire' || signal === 'Hire') return 'good';
  if (signal === 'Lean No Hire') return 'warn';
  if (signal === 'No Hire') return 'bad';
  return '';
}

export function statusTone(status) {
  if (status === 'completed') return 'good';
  if (status === 'paused' || status === 'in_progress') return '';
  if (status === 'failed') return 'bad';
  return 'warn';
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// A runner status or verdict as words: the engine sends {id, description} (Judge0's).
export function statusText(status, fallback = 'Finished') {
  if (!status) return fallback;
  if (typeof status === 'string') return status;
  return status.description || fallback;
}

// "the file is empty" -> "The file is empty."
export function sentence(value) {
  const t = String(value || '').trim();
  if (!t) return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
