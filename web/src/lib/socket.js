// The interview's WebSocket (/ws/interviews/:id), kept open: it authenticates with the
// session cookie, reconnects with backoff when the connection drops (and at once when the
// browser comes back online), and notices a silently dead connection by pinging. Before
// each reconnect the owner's `beforeReconnect` runs (the room reloads the interview from
// the API there, so nothing said while offline is missed).

const PING_EVERY_MS = 20000;
const PONG_WITHIN_MS = 8000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10000];

export class InterviewSocket {
  constructor(interviewId, { onFrame, onState, beforeReconnect }) {
    this.url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws/interviews/${encodeURIComponent(interviewId)}`;
    this.onFrame = onFrame;
    this.onState = onState;
    this.beforeReconnect = beforeReconnect;
    this.attempts = 0;
    this.stopped = false;
    this.ws = null;
    this.timers = {};
    this.onlineListener = () => this.reconnectNow();
    window.addEventListener('online', this.onlineListener);
  }

  start() {
    this.open();
  }

  get isOpen() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  send(message) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onlineListener);
    this.clearTimers();
    if (this.ws) this.ws.close(1000, 'leaving');
    this.ws = null;
  }

  // Drop the current connection and reconnect (e.g. the browser came back online).
  reconnectNow() {
    if (this.stopped) return;
    this.attempts = 0;
    if (this.ws) this.ws.close();
    else this.scheduleReconnect(0);
  }

  open() {
    if (this.stopped) return;
    this.onState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      this.attempts = 0;
      this.onState('open');
      this.schedulePing();
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;  // binary audio frames are handled elsewhere
      }
      if (frame.type === 'pong') {
        clearTimeout(this.timers.pong);
        return;
      }
      this.onFrame(frame);
    };
    ws.onclose = () => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.clearTimers();
      if (this.stopped) return;
      this.onState('reconnecting');
      this.scheduleReconnect(BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)]);
      this.attempts += 1;
    };
  }

  scheduleReconnect(delay) {
    clearTimeout(this.timers.reconnect);
    const jitter = delay ? Math.random() * delay * 0.3 : 0;
    this.timers.reconnect = setTimeout(async () => {
      if (this.stopped) return;
      try {
        if (this.beforeReconnect) await this.beforeReconnect();
      } catch {
        // Still offline, or the interview is gone: the owner has shown why; try later.
        if (!this.stopped) {
          this.scheduleReconnect(BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)]);
          this.attempts += 1;
        }
        return;
      }
      this.open();
    }, delay + jitter);
  }

  schedulePing() {
    clearTimeout(this.timers.ping);
    this.timers.ping = setTimeout(() => {
      if (!this.send({ type: 'ping' })) return;
      this.timers.pong = setTimeout(() => this.ws && this.ws.close(), PONG_WITHIN_MS);
      this.schedulePing();
    }, PING_EVERY_MS);
  }

  clearTimers() {
    Object.values(this.timers).forEach((t) => clearTimeout(t));
    this.timers = {};
  }
}
