// What the voice controls say: the server's voice states and audio errors, and the
// browser's microphone failures, in plain words with what to do instead.
import { sentence } from '../lib/format.js';

// voice_state -> what the candidate sees while the microphone is open.
export const STATE_WORDS = {
  listening: 'Listening…',
  hearing: 'Hearing you…',
  pause: 'Listening…',
  thinking_pause: 'Take your time…',
  processing: 'Working out what you said…',
};

// The states worth announcing to a screen reader (hearing and short pauses change many
// times a sentence and would talk over the candidate).
export const ANNOUNCED_STATES = new Set(['listening', 'thinking_pause', 'processing']);

// The ways to answer by voice: the button's words when the microphone is off and on.
export const MODES = [
  { id: 'push_to_talk', name: 'Push to talk', start: 'Answer by voice', stop: 'Stop and send', hint: 'Press the button, speak, and press it again to send.' },
  { id: 'hands_free', name: 'Hands-free', start: 'Start hands-free', stop: 'Stop hands-free', hint: 'The microphone stays on. Stop talking for a moment and your answer is sent; say "let me think" if you need longer.' },
];

// An audio error from the server.
export function audioProblem(error, mode) {
  const message = error?.message || '';
  const again = mode === 'hands_free' ? 'Just answer again' : 'Try again';
  if (/no speech/i.test(message)) return `We did not hear any speech. Check that your microphone is on. ${again}, or type your answer.`;
  if (/words could be made out|no words/i.test(message)) return `We heard you but could not make out the words. ${again} a little slower, or type your answer.`;
  if (/too short|no audio/i.test(message)) {
    return mode === 'hands_free' ? 'That was too short to be an answer. Say a little more, or type your answer.'
      : 'That was too short to be an answer. Press the microphone, speak, then press it again to send.';
  }
  if (error?.code === 'payload_too_large') return `${sentence(message)} Your answer was taken as it stood.`;
  if (error?.code === 'conflict') return `${sentence(message)} Wait for the next question, or type your answer.`;
  if (error?.code === 'unavailable') return 'Voice is not available right now. Type your answer; everything else works.';
  return `${sentence(message)} You can type your answer instead.`;
}

export function microphoneProblem(error) {
  if (error?.name === 'NotAllowedError') return 'Mockroom may not use your microphone. Allow it in your browser\'s site settings, or type your answer.';
  if (error?.name === 'NotFoundError') return 'No microphone was found. Plug one in, or type your answer.';
  if (error?.name === 'NotSupportedError') return 'This browser cannot record audio here. Type your answer instead.';
  return 'The microphone could not start. Try again, or type your answer.';
}
