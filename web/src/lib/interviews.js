// Starting interviews and reading their summaries, shared by the dashboard, setup,
// history and report pages.
import { api } from './api.js';
import { navigate } from './router.jsx';

export async function startInterview(setup) {
  const created = await api('/interviews', { method: 'POST', body: setup });
  navigate(`/interview/${encodeURIComponent(created.id)}`);
  return created;
}

// Where a history item leads: the room while it can go on, else its report.
export function interviewHref(item) {
  const live = item.status === 'in_progress' || item.status === 'paused';
  const id = encodeURIComponent(item.id);
  return live ? `/interview/${id}` : `/interview/${id}/report`;
}

export function isLive(item) {
  return item.status === 'in_progress' || item.status === 'paused';
}

// The setup of a past interview as a new request (a retake): only what can be asked for.
export function retakeSetup(format, setup) {
  const request = { format };
  Object.entries(setup || {}).forEach(([key, value]) => {
    if (value !== null && value !== undefined) request[key] = value;
  });
  return request;
}
