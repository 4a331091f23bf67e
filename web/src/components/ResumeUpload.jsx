// The candidate's resume: what was read from the last upload, and a new upload (PDF or
// text) that tailors the next interviews' questions.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/hooks.js';
import { formatDate } from '../lib/format.js';
import { ErrorMessage, useId } from './ui.jsx';

const MAX_BYTES = 1024 * 1024;  // the engine's request body limit

function contentTypeOf(file) {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'application/pdf';
  return 'text/plain; charset=utf-8';
}

export function ResumeUpload() {
  const inputId = useId('resume');
  const current = useLoad(() => api('/me/resume').catch((e) => {
    if (e.status === 404) return null;
    throw e;
  }), []);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const upload = async (event) => {
    const file = event.currentTarget.files && event.currentTarget.files[0];
    event.currentTarget.value = '';
    if (!file) return;
    setError(null);
    setMessage('');
    if (file.size > MAX_BYTES) {
      setError({ status: 413, message: 'the file is larger than 1 MiB', name: 'size' });
      return;
    }
    setBusy(true);
    try {
      const saved = await api(`/me/resume?filename=${encodeURIComponent(file.name)}`, {
        method: 'POST', body: file, contentType: contentTypeOf(file),
      });
      current.setData(saved);
      setMessage(`Read ${file.name}: your next interviews will ask about it.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const resume = current.data;
  const profile = resume?.profile;
  return (
    <div>
      {resume ? (
        <div class="small" style={{ marginBottom: '.75rem' }}>
          <p><strong>{resume.filename}</strong>, uploaded {formatDate(resume.uploadedAt * 1000)}.</p>
          {profile && (
            <ul>
              {profile.roles?.length > 0 && <li>Recent role: {profile.roles[0].title}{profile.roles[0].company ? ` at ${profile.roles[0].company}` : ''}</li>}
              {profile.yearsExperience ? <li>About {profile.yearsExperience} years of experience</li> : null}
              {profile.technologies?.length > 0 && <li>Technologies: {profile.technologies.slice(0, 8).join(', ')}</li>}
            </ul>
          )}
        </div>
      ) : current.loading ? null : <p class="muted small">No resume yet. Upload one and the interviewer asks about your recent role and skills.</p>}
      <label class="label" for={inputId}>{resume ? 'Replace your resume' : 'Upload your resume'}</label>
      <p class="muted small" style={{ margin: '.15rem 0 .4rem' }}>A PDF or a text file, up to 1 MiB.</p>
      <input id={inputId} type="file" accept=".pdf,.txt,application/pdf,text/plain" onChange={upload} disabled={busy} />
      <div role="status" class="small" style={{ marginTop: '.5rem' }}>{busy ? 'Reading your resume…' : message}</div>
      {error && error.name === 'size'
        ? <div class="alert error" role="alert"><div class="alert-body"><p><strong>That file is too large.</strong></p><p>Use a file under 1 MiB, for example a PDF without images.</p></div></div>
        : <ErrorMessage error={error} doing="read your resume" />}
      <ErrorMessage error={current.error} doing="load your resume" onRetry={current.reload} />
    </div>
  );
}
