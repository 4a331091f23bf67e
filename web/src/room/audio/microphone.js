// The candidate's microphone as 16 kHz PCM chunks (see pcm-capture.worklet.js), with echo
// cancellation so the interviewer's voice is not taken for the candidate's.
const workletUrl = new URL('./pcm-capture.worklet.js', import.meta.url);

export class Microphone {
  // Resolves once audio flows; onChunk(ArrayBuffer) gets each 100 ms chunk. Rejects with
  // the browser's error (NotAllowedError when permission is refused).
  async open(onChunk) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw Object.assign(new Error('no microphone API'), { name: 'NotSupportedError' });
    }
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    this.context = new AudioContext();
    await this.context.audioWorklet.addModule(workletUrl);
    const source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, 'pcm-capture');
    this.node.port.onmessage = (event) => onChunk(event.data);
    // The worklet must be pulled by the graph to run: into a silent gain, not the speakers.
    const silent = this.context.createGain();
    silent.gain.value = 0;
    source.connect(this.node).connect(silent).connect(this.context.destination);
  }

  // Sends what is buffered, then releases the device.
  async close() {
    if (this.node) {
      this.node.port.postMessage('flush');
      await new Promise((done) => setTimeout(done, 50));
      this.node.port.onmessage = null;
    }
    this.stream?.getTracks().forEach((track) => track.stop());
    await this.context?.close().catch(() => {});
    this.stream = null;
    this.context = null;
    this.node = null;
  }
}
