// Voice in the room: a microphone button (press, speak, press again to send) with the
// words heard so far, and the interviewer's voice with a mute button. Rides on the
// interview's WebSocket (see README, "Voice over the WebSocket"); typing always works too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { readLocal, writeLocal } from '../lib/account.js';
import { sentence } from '../lib/format.js';
import { Microphone } from './audio/microphone.js';
import { VoicePlayer } from './audio/voicePlayer.js';
import { Icon } from '../components/Icon.jsx';

const STATE_WORDS = {
  listening: 'Listening…',
  hearing: 'Hearing you…',
  pause: 'Listening…',
  thinking_pause: 'Take your time…',
  processing: 'Working out what you said…',
};

// An audio error from the server, in plain words with what to do instead.
function audioProblem(error) {
  const message = error?.message || '';
  if (/no speech/i.test(message)) return 'We did not hear any speech. Check that your microphone is on and try again, or type your answer.';
  if (/words could be made out|no words/i.test(message)) return 'We heard you but could not make out the words. Try again a little slower, or type your answer.';
  if (/300 ms|no audio/i.test(message)) return 'That was too short to be an answer. Press the microphone, speak, then press it again to send.';
  if (error?.code === 'payload_too_large') return `${sentence(message)} Your answer was taken as it stood.`;
  if (error?.code === 'conflict') return `${sentence(message)} Wait for the next question, or type your answer.`;
  if (error?.code === 'unavailable') return 'Voice is not available right now. Type your answer; everything else works.';
  return `${sentence(message)} You can type your answer instead.`;
}

function microphoneProblem(error) {
  if (error?.name === 'NotAllowedError') return 'Mockroom may not use your microphone. Allow it in your browser\'s site settings, or type your answer.';
  if (error?.name === 'NotFoundError') return 'No microphone was found. Plug one in, or type your answer.';
  if (error?.name === 'NotSupportedError') return 'This browser cannot record audio here. Type your answer instead.';
  return 'The microphone could not start. Try again, or type your answer.';
}

export function VoiceControls({ follow, send, sendBinary, conn, running }) {
  const [info, setInfo] = useState(null);
  const [outputOn, setOutputOn] = useState(() => readLocal('voice-output', false));
  const [recording, setRecording] = useState(false);
  const [busy, setBusy] = useState(false);
  const [voiceState, setVoiceState] = useState('idle');
  const [partial, setPartial] = useState('');
  const [heard, setHeard] = useState('');
  const [problem, setProblem] = useState('');
  const [speaking, setSpeaking] = useState(false);
  const [soundLocked, setSoundLocked] = useState(false);
  const player = useRef(null);
  const mic = useRef(null);
  const wantOutput = useRef(outputOn);
  wantOutput.current = outputOn;
  if (!player.current) player.current = new VoicePlayer(setSpeaking);

  useEffect(() => {
    const stopFollowing = follow({
      onOpen: () => send({ type: 'voice', output: wantOutput.current }),
      onBinary: (data) => player.current.push(data),
      onFrame: (frame) => {
        switch (frame.type) {
          case 'voice':
            setInfo(frame);
            if (wantOutput.current && !frame.output) setOutputOn(false);  // no voice on this server
            break;
          case 'voice_state':
            setVoiceState(frame.state);
            break;
          case 'transcript':
            if (frame.final) {
              setPartial('');
              setHeard(frame.text);
            } else {
              setPartial(frame.text);
            }
            break;
          case 'audio_start':
            if (frame.role === 'interviewer' || !frame.role) {
              player.current.begin();
              setSoundLocked(player.current.locked);
            }
            break;
          case 'audio_end':
            player.current.end();
            break;
          case 'audio_stop':
            player.current.stop();
            break;
          case 'error':
            if (frame.about === 'audio') {
              setProblem(audioProblem(frame.error));
              setBusy(false);
            }
            break;
          default:
        }
      },
    });
    if (conn === 'open') send({ type: 'voice', output: wantOutput.current });
    return () => {
      stopFollowing();
      mic.current?.close();
      player.current?.close();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const startAnswer = async () => {
    setProblem('');
    setHeard('');
    setPartial('');
    player.current.stop();  // the candidate cuts in: the server stops the rest (barge-in)
    setBusy(true);
    if (!send({ type: 'audio_start', sampleRate: 16000, format: 'pcm_s16le', mode: 'push_to_talk' })) {
      setProblem('The connection is down, so voice cannot be sent. Type your answer, or wait a moment.');
      setBusy(false);
      return;
    }
    const microphone = new Microphone();
    try {
      await microphone.open((chunk) => sendBinary(chunk));
      mic.current = microphone;
      setRecording(true);
    } catch (error) {
      send({ type: 'audio_cancel' });
      await microphone.close();
      setProblem(microphoneProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const finishAnswer = async () => {
    const microphone = mic.current;
    mic.current = null;
    setRecording(false);
    if (microphone) await microphone.close();
    send({ type: 'audio_end' });
  };

  const toggleOutput = () => {
    const next = !outputOn;
    setOutputOn(next);
    writeLocal('voice-output', next);
    if (next) {
      player.current.unlock();
      setSoundLocked(false);
    } else {
      player.current.stop();
    }
    send({ type: 'voice', output: next });
  };

  const unlockSound = () => {
    player.current.unlock();
    setSoundLocked(false);
  };

  const canSpeak = running && conn === 'open' && info?.input;
  const status = recording || voiceState === 'processing' ? (STATE_WORDS[voiceState] || 'Listening…') : '';
  return (
    <section class="voice" aria-label="Voice">
      <div class="row">
        {info && !info.input ? (
          <span class="muted small">Voice answers are not available on this server; type your answer.</span>
        ) : (
          <button type="button" class={`btn ${recording ? 'danger solid' : 'secondary'} mic`} aria-pressed={recording}
            onClick={recording ? finishAnswer : startAnswer} disabled={!recording && (!canSpeak || busy)}>
            <Icon name={recording ? 'stop' : 'mic'} />
            {recording ? 'Stop and send' : busy ? 'Starting the microphone…' : 'Answer by voice'}
          </button>
        )}
        <span class="spacer" />
        <button type="button" class="btn quiet small" aria-pressed={outputOn} onClick={toggleOutput} disabled={conn !== 'open'}>
          <Icon name={outputOn ? 'soundOn' : 'soundOff'} />
          {outputOn ? 'Interviewer voice on' : 'Interviewer voice off'}
        </button>
        {outputOn && soundLocked && (
          <button type="button" class="btn small" onClick={unlockSound}>Play the interviewer's voice</button>
        )}
      </div>
      <div role="status" class="small voice-status">
        {status}
        {speaking && <span> The interviewer is speaking.</span>}
      </div>
      {partial && <p class="partial" aria-live="off"><span class="muted">Heard so far: </span>{partial}</p>}
      {heard && !recording && <p class="visually-hidden" role="status">We heard: {heard}</p>}
      {problem && <div class="alert warn" role="alert"><div class="alert-body"><p>{problem}</p></div></div>}
    </section>
  );
}
