// The room's own barge-in detection (web/src/room/audio/speechDetector.js), on PCM made
// here: talking held for a quarter second counts, room noise and a short click do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeechDetector } from '../../../web/src/room/audio/speechDetector.js';

// 100 ms of 16 kHz PCM: a 200 Hz tone at `amplitude` (of full scale).
function chunk(amplitude) {
  const samples = new Int16Array(1600);
  for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(amplitude * 0x7fff * Math.sin((2 * Math.PI * 200 * i) / 16000));
  return samples.buffer;
}

test('Speech held for a quarter second is noticed, not before', () => {
  const detector = new SpeechDetector();
  assert.equal(detector.feed(chunk(0.3)), false);
  assert.equal(detector.feed(chunk(0.3)), false);
  assert.equal(detector.feed(chunk(0.3)), true);
});

test('Room noise never counts as speech', () => {
  const detector = new SpeechDetector();
  for (let i = 0; i < 50; i += 1) assert.equal(detector.feed(chunk(0.005)), false);
});

test('A short sound followed by quiet starts the count again', () => {
  const detector = new SpeechDetector();
  detector.feed(chunk(0.3));
  detector.feed(chunk(0.3));
  assert.equal(detector.feed(chunk(0)), false);
  assert.equal(detector.feed(chunk(0.3)), false);
  assert.equal(detector.feed(chunk(0.3)), false);
  assert.equal(detector.feed(chunk(0.3)), true);
  detector.reset();
  assert.equal(detector.feed(chunk(0.3)), false);
});
