// Runs in the audio thread: turns the microphone's samples (at the context's rate, e.g.
// 48 kHz) into 16 kHz signed 16-bit PCM, the engine's speech format, averaging each
// output sample's span of input (a box filter, which keeps most aliasing out), and posts
// 100 ms chunks to the page.
const TARGET_RATE = 16000;
const CHUNK_SAMPLES = 1600;

class PcmCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / TARGET_RATE;  // eslint-disable-line no-undef
    this.sum = 0;
    this.count = 0;
    this.span = 0;
    this.out = new Int16Array(CHUNK_SAMPLES);
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data === 'flush') this.flush();
    };
  }

  emit(value) {
    const clamped = Math.max(-1, Math.min(1, value));
    this.out[this.filled] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    this.filled += 1;
    if (this.filled === CHUNK_SAMPLES) this.flush();
  }

  flush() {
    if (this.filled === 0) return;
    const chunk = this.out.slice(0, this.filled);
    this.port.postMessage(chunk.buffer, [chunk.buffer]);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i += 1) {
      this.sum += channel[i];
      this.count += 1;
      this.span += 1;
      if (this.span >= this.ratio) {
        this.emit(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
        this.span -= this.ratio;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCapture);  // eslint-disable-line no-undef
