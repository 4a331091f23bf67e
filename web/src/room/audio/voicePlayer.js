// Plays the interviewer's voice as it arrives: each binary frame (16 kHz signed 16-bit
// PCM) is scheduled right after the one before, so speech is gapless while frames come
// faster than real time. stop() silences it at once (barge-in, mute).
const SAMPLE_RATE = 16000;
const START_DELAY_S = 0.05;

export class VoicePlayer {
  constructor(onSpeaking) {
    this.onSpeaking = onSpeaking;
    this.context = null;
    this.sources = new Set();
    this.playingUntil = 0;
    this.accepting = false;
  }

  // Must first run in a click or key press (browsers keep audio off until then).
  unlock() {
    if (!this.context) this.context = new AudioContext();
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    return this.context.state !== 'closed';
  }

  // Whether interviewer audio is playing or scheduled now.
  get speaking() {
    return this.sources.size > 0;
  }

  get locked() {
    return !this.context || this.context.state !== 'running';
  }

  begin() {
    this.accepting = true;
  }

  push(buffer) {
    if (!this.accepting || buffer.byteLength < 2) return;
    if (!this.context) return;  // never unlocked: the candidate has not turned sound on
    const samples = new Int16Array(buffer, 0, Math.floor(buffer.byteLength / 2));
    const audio = this.context.createBuffer(1, samples.length, SAMPLE_RATE);
    const channel = audio.getChannelData(0);
    for (let i = 0; i < samples.length; i += 1) channel[i] = samples[i] / 0x8000;
    const source = this.context.createBufferSource();
    source.buffer = audio;
    source.connect(this.context.destination);
    const at = Math.max(this.context.currentTime + START_DELAY_S, this.playingUntil);
    source.start(at);
    this.playingUntil = at + audio.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      if (this.sources.size === 0) this.onSpeaking(false);
    };
    this.onSpeaking(true);
  }

  end() {
    this.accepting = false;
  }

  stop() {
    this.accepting = false;
    this.sources.forEach((source) => {
      source.onended = null;
      try { source.stop(); } catch { /* not started yet */ }
    });
    this.sources.clear();
    this.playingUntil = 0;
    this.onSpeaking(false);
  }

  close() {
    this.stop();
    this.context?.close().catch(() => {});
    this.context = null;
  }
}
