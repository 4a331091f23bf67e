// Voice in the room: answers spoken push-to-talk (press, speak, press again to send) or
// hands-free (the microphone stays on across questions and the server hears where an answer
// ends), the words heard so far, and the interviewer's voice with a mute button. Rides on
// the interview's WebSocket (see README, "Voice over the WebSocket"); typing always works.
import { useEffect, useRef, useState } from 'preact/hooks';
import { readLocal, writeLocal } from '../lib/account.js';
import { Microphone } from './audio/microphone.js';
import { VoicePlayer } from './audio/voicePlayer.js';
import { SpeechDetector } from './audio/speechDetector.js';
import { ANNOUNCED_STATES, MODES, STATE_WORDS, audioProblem, microphoneProblem } from './voiceWords.js';
import { Icon } from '../components/Icon.jsx';
import { useId } from '../components/ui.jsx';

const AUDIO_FORMAT = { sampleRate: 16000, format: 'pcm_s16le' };

function savedMode() {
  return readLocal('voice-mode', 'push_to_talk') === 'hands_free' ? 'hands_free' : 'push_to_talk';
}

// resumeHandsFree: a ref the room keeps while the panel is away (the interview paused);
// set when hands-free was on as the panel closed, so it comes back on when the panel returns.
export function VoiceControls({ follow, send, sendBinary, conn, running, resumeHandsFree }) {
  const [info, setInfo] = useState(null);
  const [outputOn, setOutputOn] = useState(() => readLocal('voice-output', false));
  const [mode, setMode] = useState(savedMode);
  const [mic, setMic] = useState('off');  // off, starting, on
  const [voiceState, setVoiceState] = useState('idle');
  const [partial, setPartial] = useState('');
  const [heard, setHeard] = useState('');
  const [problem, setProblem] = useState('');
  const [speaking, setSpeaking] = useState(false);
  const [soundLocked, setSoundLocked] = useState(false);
  const player = useRef(null);
  const microphone = useRef(null);
  const detector = useRef(null);
  const mounted = useRef(true);
  const hintId = useId('voice-hint');
  // What the socket's handlers (registered once) need to see now.
  const now = useRef({});
  now.current = { outputOn, mode, mic };
  if (!player.current) player.current = new VoicePlayer(setSpeaking);
  if (!detector.current) detector.current = new SpeechDetector();

  const closeDevice = async () => {
    const device = microphone.current;
    microphone.current = null;
    if (device) await device.close();  // sends what is still buffered first
  };

  useEffect(() => {
    mounted.current = true;
    const stopFollowing = follow({
      onOpen: () => {
        send({ type: 'voice', output: now.current.outputOn });
        // A new connection: the server's microphone state went with the old one.
        if (now.current.mic === 'on' && now.current.mode === 'hands_free') {
          send({ type: 'audio_start', ...AUDIO_FORMAT, mode: 'hands_free' });
        }
      },
      onBinary: (data) => player.current.push(data),
      onFrame: (frame) => {
        switch (frame.type) {
          case 'voice':
            setInfo(frame);
            if (now.current.outputOn && !frame.output) setOutputOn(false);  // no voice on this server
            break;
          case 'voice_state':
            setVoiceState(frame.state);
            if (frame.state === 'hearing') setProblem('');
            break;
          case 'transcript':
            if (frame.final) {
              setPartial('');
              setHeard(frame.text);
              // A push-to-talk answer is heard: the reply's own indicator takes over (the
              // server also says idle once the answer is taken).
              if (now.current.mic === 'off') setVoiceState('idle');
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
          case 'audio_stop':  // barge-in: the candidate talked over the interviewer
            player.current.stop();
            break;
          case 'error':
            if (frame.about === 'audio') {
              setProblem(audioProblem(frame.error, now.current.mode));
              setPartial('');
              if (now.current.mic === 'off') setVoiceState('idle');
            }
            break;
          default:
        }
      },
    });
    if (conn === 'open') send({ type: 'voice', output: now.current.outputOn });
    return () => {
      mounted.current = false;
      stopFollowing();
      // Leaving the room, or the interview paused or ended: the microphone closes, and
      // an answer in progress is dropped.
      if (microphone.current) {
        if (resumeHandsFree) resumeHandsFree.current = now.current.mode === 'hands_free';
        closeDevice();
        send({ type: 'audio_cancel' });
      }
      player.current?.close();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // A push-to-talk answer cannot outlive its connection: the server dropped it.
  useEffect(() => {
    if (conn !== 'open' && mode === 'push_to_talk' && mic === 'on') {
      closeDevice();
      setMic('off');
      setVoiceState('idle');
      setPartial('');
      setProblem('The connection dropped while you were speaking, so that answer was not sent. Say it again once the room is connected, or type it.');
    }
  }, [conn]); // eslint-disable-line react-hooks/exhaustive-deps

  // Each 100 ms of the microphone: to the server, and a barge-in when the candidate talks
  // while the interviewer's voice plays.
  const onChunk = (chunk) => {
    if (player.current.speaking) {
      if (detector.current.feed(chunk)) {
        player.current.stop();
        detector.current.reset();
        send({ type: 'interrupt' });
      }
    } else {
      detector.current.reset();
    }
    sendBinary(chunk);
  };

  const openMic = async (micMode) => {
    setProblem('');
    setHeard('');
    setPartial('');
    if (micMode === 'push_to_talk') player.current.stop();  // pressing is barging in; the server stops the rest
    setMic('starting');
    if (!send({ type: 'audio_start', ...AUDIO_FORMAT, mode: micMode })) {
      setProblem('The connection is down, so voice cannot be sent. Type your answer, or wait a moment.');
      setMic('off');
      return;
    }
    const device = new Microphone();
    try {
      await device.open(onChunk);
    } catch (error) {
      send({ type: 'audio_cancel' });
      await device.close();
      if (mounted.current) {
        setProblem(microphoneProblem(error));
        setMic('off');
      }
      return;
    }
    if (!mounted.current) {  // the room closed while the microphone was starting
      device.close();
      send({ type: 'audio_cancel' });
      return;
    }
    microphone.current = device;
    setMic('on');
  };

  // Push-to-talk: the answer is sent. Hands-free: the microphone closes (an answer being
  // spoken is taken as it stands).
  const closeMic = async () => {
    setMic('off');
    await closeDevice();
    send({ type: 'audio_end' });
  };

  const chooseMode = (next) => {
    setMode(next);
    writeLocal('voice-mode', next);
    setProblem('');
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

  const noInput = info && !info.input;
  // Back from a pause with hands-free on before it: the microphone opens again by itself.
  useEffect(() => {
    if (resumeHandsFree?.current && running && conn === 'open' && mic === 'off' && mode === 'hands_free' && !noInput) {
      resumeHandsFree.current = false;
      openMic('hands_free');
    }
  }, [running, conn]); // eslint-disable-line react-hooks/exhaustive-deps

  // Usable as soon as the interview runs on an open connection; the server's voice settings
  // (which say whether it can hear at all) need not have arrived yet.
  const canSpeak = running && conn === 'open' && !noInput;
  const handsFree = mode === 'hands_free';
  const listening = mic === 'on' || (voiceState === 'processing' && !handsFree);
  const stateWords = listening ? (STATE_WORDS[voiceState] || 'Listening…') : '';
  const announce = listening && ANNOUNCED_STATES.has(voiceState) ? STATE_WORDS[voiceState] : '';
  const current = MODES.find((m) => m.id === mode);

  return (
    <section class="voice" aria-label="Voice">
      <div class="row">
        {noInput ? (
          <span class="muted small">Voice answers are not available on this server; type your answer.</span>
        ) : (
          <fieldset class="voice-mode" disabled={mic !== 'off'}>
            <legend class="visually-hidden">How to answer by voice</legend>
            <div class="choices">
              {MODES.map((m) => (
                <label class="choice" key={m.id}>
                  <input type="radio" name="voice-mode" value={m.id} checked={mode === m.id} onChange={() => chooseMode(m.id)} />
                  {m.name}
                </label>
              ))}
            </div>
          </fieldset>
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
      {!noInput && (
        <div class="row voice-main">
          <button type="button" class={`btn ${mic === 'on' ? 'danger solid' : 'secondary'} mic`} aria-pressed={mic === 'on'}
            aria-describedby={hintId} onClick={mic === 'on' ? closeMic : () => openMic(mode)}
            disabled={mic === 'starting' || (mic === 'off' && !canSpeak)}>
            <Icon name={mic === 'on' ? 'stop' : 'mic'} />
            {mic === 'on' ? current.stop : mic === 'starting' ? 'Starting the microphone…' : current.start}
          </button>
          <span class={`voice-state state-${listening ? voiceState : 'off'}`} aria-hidden="true">
            {listening && <span class="level" />}
            {stateWords}
          </span>
          <span role="status" class="small voice-status">
            <span class="visually-hidden">{announce}</span>
            {speaking && <span>The interviewer is speaking.</span>}
          </span>
        </div>
      )}
      {!noInput && <p class="small muted voice-hint" id={hintId}>{current.hint}</p>}
      {noInput && speaking && <p role="status" class="small voice-status">The interviewer is speaking.</p>}
      {partial && <p class="partial" aria-live="off"><span class="muted">Heard so far: </span>{partial}</p>}
      {heard && <p class="visually-hidden" role="status">We heard: {heard}</p>}
      {problem && <div class="alert warn" role="alert"><div class="alert-body"><p>{problem}</p></div></div>}
    </section>
  );
}
