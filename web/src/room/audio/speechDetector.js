// Notices the candidate starting to speak in the microphone's PCM chunks: a level above a
// threshold held for a while. The room uses it for barge-in, to silence the interviewer's
// voice the moment the candidate talks over it, before the server's own detection (which
// sends audio_stop) arrives. The browser's echo cancellation keeps the interviewer's voice
// out of the microphone, so it is not taken for the candidate's.
const SAMPLE_RATE = 16000;
const SPEECH_LEVEL = 0.02;  // RMS of full scale, about -34 dBFS: talking, not room noise
const HOLD_MS = 250;

export class SpeechDetector {
  constructor({ level = SPEECH_LEVEL, holdMs = HOLD_MS } = {}) {
    this.level = level;
    this.holdMs = holdMs;
    this.heardMs = 0;
  }

  // chunk: an ArrayBuffer of 16 kHz signed 16-bit PCM. True once speech has lasted holdMs.
  feed(chunk) {
    const samples = new Int16Array(chunk, 0, Math.floor(chunk.byteLength / 2));
    if (samples.length === 0) return false;
    let sum = 0;
    for (let i = 0; i < samples.length; i += 1) {
      const v = samples[i] / 0x8000;
      sum += v * v;
    }
    const loud = Math.sqrt(sum / samples.length) >= this.level;
    this.heardMs = loud ? this.heardMs + (samples.length * 1000) / SAMPLE_RATE : 0;
    return this.heardMs >= this.holdMs;
  }

  reset() {
    this.heardMs = 0;
  }
}
