// The question on the table, in large type: "Question 3 of 8" (or which follow-up), the
// step of a multi-part question, and a coding problem's statement and examples.
import { label } from '../lib/format.js';
import { RichText } from '../components/RichText.jsx';

export function QuestionCard({ question, problem }) {
  if (!question) return null;
  const eyebrow = question.isFollowUp ? `Follow-up to question ${question.number}` : `Question ${question.number} of ${question.totalQuestions}`;
  return (
    <section class="question-card" aria-labelledby="current-question">
      <div class="eyebrow" id="current-question">{eyebrow}{question.step ? ` · ${label(question.step)}` : ''}</div>
      <p class="text">{question.text}</p>
      {problem && problem.statement && (
        <details class="problem" open>
          <summary><strong>{problem.title || 'The problem'}</strong></summary>
          <div class="problem-body" tabIndex={0} role="region" aria-label={`Problem statement: ${problem.title || 'the problem'}`}>
            <RichText text={problem.statement} />
            {(problem.examples || []).map((ex, i) => (
              <div key={i}>
                <div class="label small">Example {i + 1}</div>
                <div class="grid two" style={{ gap: '.5rem' }}>
                  <div><span class="muted small">Input</span><pre class="code">{ex.input}</pre></div>
                  <div><span class="muted small">Output</span><pre class="code">{ex.output}</pre></div>
                </div>
                {ex.explanation && <p class="small muted">{ex.explanation}</p>}
              </div>
            ))}
          </div>
        </details>
      )}
    </section>
  );
}
