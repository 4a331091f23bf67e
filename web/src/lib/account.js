// Signing in and out, and the onboarding state kept on the server.
import { api } from './api.js';
import { setAccount } from './store.js';

const LOCAL_PREFIX = 'mockroom:';

export async function loadAccount() {
  try {
    const { user } = await api('/me', { quiet401: true });
    const onboarding = await api('/me/profile', { quiet401: true });
    setAccount({ status: 'signed-in', user, onboarding });
  } catch (error) {
    if (error.status === 401) setAccount({ status: 'signed-out', user: null, onboarding: null });
    else setAccount({ status: 'error', error });
  }
}

export async function signIn(email, password) {
  const { user } = await api('/auth/login', { method: 'POST', body: { email, password }, quiet401: true });
  const onboarding = await api('/me/profile');
  setAccount({ status: 'signed-in', user, onboarding });
  return onboarding;
}

export async function signUp(name, email, password) {
  await api('/auth/register', { method: 'POST', body: { name, email, password } });
  return signIn(email, password);
}

// Drafts kept in this browser (answers, code) are the signed-in person's: remove them.
function forgetLocalDrafts() {
  try {
    Object.keys(window.localStorage)
      .filter((key) => key.startsWith(LOCAL_PREFIX))
      .forEach((key) => window.localStorage.removeItem(key));
  } catch {
    // storage unavailable: nothing kept
  }
}

export async function signOut() {
  try {
    await api('/auth/logout', { method: 'POST', quiet401: true });
  } catch {
    // Signed out locally either way; the cookie is HttpOnly and the server clears it.
  }
  forgetLocalDrafts();
  setAccount({ status: 'signed-out', user: null, onboarding: null });
}

export async function recordWalkthrough(outcome, step) {
  const onboarding = await api('/me/walkthrough', { method: 'PUT', body: { outcome, step } });
  setAccount({ onboarding });
  return onboarding;
}

export async function saveProfile(profile) {
  const onboarding = await api('/me/profile', { method: 'PUT', body: profile });
  setAccount({ onboarding });
  return onboarding;
}

// localStorage helpers for drafts that survive a reload (never credentials).
export function readLocal(key, fallback = null) {
  try {
    const raw = window.localStorage.getItem(LOCAL_PREFIX + key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback;
  }
}

export function writeLocal(key, value) {
  try {
    if (value === null || value === undefined) window.localStorage.removeItem(LOCAL_PREFIX + key);
    else window.localStorage.setItem(LOCAL_PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or unavailable: the draft only lives on this page
  }
}
