// The signed-in person, shared by every page: who they are and their onboarding state.
// A tiny observable: pages read it with useAccount() and change it with setAccount().
import { useEffect, useState } from 'preact/hooks';

let state = { status: 'loading', user: null, onboarding: null };
const listeners = new Set();

export function getAccount() {
  return state;
}

export function setAccount(patch) {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener(state));
}

export function useAccount() {
  const [value, setValue] = useState(state);
  useEffect(() => {
    listeners.add(setValue);
    setValue(state);
    return () => listeners.delete(setValue);
  }, []);
  return value;
}
