// The engine's JSON API. Signing in sets the engine's HttpOnly session cookie, which the
// browser sends with every same-origin request (as for the candidate client); scripts never
// hold the token. Every failure becomes an Error whose message is the engine's own
// ({"error": {"code", "message"}}).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
}

async function parse(response) {
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, 'bad_response', `the engine answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || 'error', error.message || `HTTP ${response.status}`);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path).then(parse),
  post: (path, body = {}) => request('POST', path, body).then(parse),
  put: (path, body) => request('PUT', path, body).then(parse),
  del: (path) => request('DELETE', path).then(parse),
};

// Fetches a file the API serves (CSV, JSON export) and hands it to the browser as a download.
export async function download(path, fallbackName) {
  const response = await request('GET', path);
  if (!response.ok) await parse(response);
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = match ? match[1] : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// "?a=1&b=x" from an object, leaving out empty values.
export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null);
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}
