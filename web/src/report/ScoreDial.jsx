// The overall score as a dial out of 100; the number is also in the text for everyone.
export function ScoreDial({ score }) {
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const value = Math.max(0, Math.min(100, Number(score) || 0));
  return (
    <svg class="dial" viewBox="0 0 120 120" role="img" aria-label={`Overall score ${Math.round(value)} out of 100`}>
      <circle class="track" cx="60" cy="60" r={r} fill="none" stroke-width="12" />
      <circle class="value" cx="60" cy="60" r={r} fill="none" stroke-width="12" stroke-linecap="round"
        stroke-dasharray={circumference} stroke-dashoffset={circumference * (1 - value / 100)} transform="rotate(-90 60 60)" />
      <text x="60" y="58" text-anchor="middle" font-size="30">{Math.round(value)}</text>
      <text x="60" y="80" text-anchor="middle" font-size="12" style={{ fontWeight: 500, fill: '#52627a' }}>out of 100</text>
    </svg>
  );
}
