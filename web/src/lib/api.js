// The engine's JSON API, as the client uses it. Every call rides on the HttpOnly session
// cookie the engine sets at login (no token is kept in script-readable storage). Failures
// become ApiError with the server's code and message, and a plain-words explanation.
import { sentence } from './format.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized = () => {};
// Called when a signed-in call comes back 401 (the session ended or was revoked).
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export async function api(path, { method = 'GET', body, contentType, signal, quiet401 = false } = {}) {
  const headers = {};
  let payload = body;
  if (body !== undefined && !(body instanceof Blob)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Mockroom could not be reached.');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    const failure = new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || response.statusText || 'The request failed.');
    if (response.status === 401 && !quiet401) onUnauthorized(failure);
    throw failure;
  }
  return data;
}


// What to tell a person about a failed call: {title, detail}, in plain words with a way
// forward. `doing` names what they were trying ("start the interview").
export function explain(error, doing = 'do that') {
  if (!(error instanceof ApiError)) {
    return { title: `We could not ${doing}.`, detail: 'Something unexpected went wrong. Please try again.' };
  }
  switch (error.status) {
    case 0:
      return { title: `We could not ${doing}.`, detail: 'Mockroom is not reachable. Check your connection; we will keep your work on this page, so you can try again.' };
    case 400:
      return { title: `We could not ${doing}.`, detail: `${sentence(error.message)} Please check and try again.` };
    case 401:
      return { title: 'Please sign in again.', detail: 'Your session has ended. Sign in and you will be back where you were.' };
    case 402:
      return { title: `Your plan does not cover this, so we could not ${doing}.`, detail: sentence(error.message) };
    case 403:
      return { title: `You cannot ${doing} with this account.`, detail: sentence(error.message) };
    case 404:
      return { title: 'We could not find that.', detail: 'It may have been removed, or it belongs to another account.' };
    case 409:
      return { title: `We could not ${doing} right now.`, detail: sentence(error.message) };
    case 413:
      return { title: 'That is too large.', detail: sentence(error.message) };
    case 429:
      return { title: `We could not ${doing} just now.`, detail: sentence(error.message) };
    case 503:
      return { title: 'This part of Mockroom is not available right now.', detail: `${sentence(error.message)} Everything else keeps working; try again later.` };
    default:
      return { title: `We could not ${doing}.`, detail: 'The server had a problem. Please try again in a moment.' };
  }
}
