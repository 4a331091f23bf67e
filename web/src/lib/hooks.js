// Hooks the pages share: loading data with its error, and a ticking clock.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

// Runs `load` (an async function) now and whenever `deps` change. Returns
// {data, error, loading, reload, setData}. A load that finishes after a newer one
// started is ignored.
export function useLoad(load, deps = []) {
  const [result, setResult] = useState({ data: null, error: null, loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setResult((r) => ({ ...r, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then((data) => { if (mine === generation.current) setResult({ data, error: null, loading: false }); })
      .catch((error) => { if (mine === generation.current) setResult({ data: null, error, loading: false }); });
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(run, [run]);
  const setData = useCallback((data) => setResult((r) => ({ ...r, data })), []);
  return { ...result, reload: run, setData };
}

export function useInterval(callback, ms) {
  const saved = useRef(callback);
  saved.current = callback;
  useEffect(() => {
    if (ms === null) return undefined;
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
