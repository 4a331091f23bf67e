/*
 * Mockroom plugin ABI.
 *
 * A provider plugin is a shared library that exports exactly one C function:
 *
 *     int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out);
 *
 * It returns MR_OK and points *out at a static, immutable descriptor. Nothing else
 * crosses the boundary: no C++ types, no exceptions, no memory one side allocates and
 * the other frees. Data travels as UTF-8 JSON in {ptr, len} views that the caller owns
 * for the duration of the call; results go back through host callbacks that copy them
 * (mr_host_api.write_result / emit_chunk / emit_bytes), so whoever allocates also frees.
 * Speech audio (ABI 1.3) is the one binary payload; see "Speech" below.
 *
 * Versioning: both the host table and the descriptor begin with abi_major, abi_minor and
 * struct_size. The host refuses a plugin whose major differs or whose minor is newer than
 * its own, and reads descriptor fields only up to struct_size. New fields are only ever
 * added at the end of a struct.
 *
 * Threads: a plugin instance may be called from several threads at once; a plugin that
 * cannot cope serialises internally. Calls may block (network, speech); the host makes
 * them from a worker pool, never from an IO thread.
 */
#ifndef MOCKROOM_PLUGIN_H
#define MOCKROOM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MR_ABI_MAJOR 1
#define MR_ABI_MINOR 3

#if defined(_WIN32)
#define MR_PLUGIN_EXPORT __declspec(dllexport)
#else
#define MR_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

typedef enum mr_status {
  MR_OK = 0,
  MR_ERR_INVALID_ARGUMENT = 1, /* the request was malformed */
  MR_ERR_UNAVAILABLE = 2,      /* the provider cannot serve now (network, quota) */
  MR_ERR_TIMEOUT = 3,
  MR_ERR_CANCELLED = 4,        /* the host asked to stop */
  MR_ERR_UNSUPPORTED = 5,      /* this call or option is not offered by the plugin */
  MR_ERR_INTERNAL = 6          /* a bug or unexpected state inside the plugin */
} mr_status;

typedef enum mr_kind {
  MR_KIND_LLM = 1,
  MR_KIND_SCORER = 2,
  MR_KIND_STT = 3,
  MR_KIND_TTS = 4,
  MR_KIND_RUNNER = 5
} mr_kind;

typedef enum mr_log_level {
  MR_LOG_DEBUG = 1,
  MR_LOG_INFO = 2,
  MR_LOG_WARN = 3,
  MR_LOG_ERROR = 4
} mr_log_level;

/* A borrowed view of bytes. The `_host_ptr` / `_plugin_ptr` suffix on parameters says
 * who owns the memory; the other side only reads it during the call. */
typedef struct mr_bytes {
  const char* ptr;
  size_t len;
} mr_bytes;

/* One call in flight. Opaque to the plugin; passed back to the host callbacks. */
typedef struct mr_call mr_call;

/* Services the host offers. The table outlives every plugin instance. */
typedef struct mr_host_api {
  uint16_t abi_major;
  uint16_t abi_minor;
  uint32_t struct_size;
  void* host_ctx;

  void (*log)(void* host_ctx, mr_log_level level, const char* msg, size_t len);
  int (*log_enabled)(void* host_ctx, mr_log_level level);

  /* Results: the host copies the bytes. write_result may be called once per call;
   * emit_chunk streams partial output (LLM tokens) and may be called many times. */
  void (*write_result)(mr_call* call, const char* data, size_t len);
  void (*emit_chunk)(mr_call* call, const char* data, size_t len);
  /* Sets the message that goes with a non-OK status. */
  void (*set_error)(mr_call* call, const char* msg, size_t len);
  /* Non-zero when the host wants the call to stop (session ended, candidate barged in). */
  int (*is_cancelled)(const mr_call* call);

  /* ABI 1.3 (check struct_size before use): binary output, the audio a TTS plugin
   * synthesises (see "Speech"). The host copies the bytes; may be called many times per
   * call, each time with a whole number of samples. */
  void (*emit_bytes)(mr_call* call, const char* data, size_t len);
} mr_host_api;

/* ---- Kind-specific call tables. Each begins with struct_size. ---- */

/* LLM: every request and result is a JSON object; see README "Plugin authoring".
 * Both calls' requests may also carry interview {format, role, level, company},
 * knowledge [{id, kind, title, text}] (retrieved for the turn) and prompts {persona?,
 * followup?, acknowledge?} (the format's own templates); a plugin may ignore them. */
typedef struct mr_llm_api {
  uint32_t struct_size;
  /* {question:{text,concepts[],hints[]}, answer, followupsSoFar, maxFollowups, history[]}
   * -> {"followup": {"text", "concepts":[...]} | null, "reason": "..."} */
  mr_status (*followup)(void* instance, mr_bytes request_host_ptr, mr_call* call);
  /* {answer, question:{text}, questionNumber, totalQuestions, turn}
   * -> {"text": "..."} */
  mr_status (*acknowledge)(void* instance, mr_bytes request_host_ptr, mr_call* call);
  /* ABI 1.2, optional (check struct_size): what this instance is, called once after
   * create. The request is {}.
   * -> {"model": "the model name recorded as model_version", "knowledge": bool (reads the
   *    knowledge field), "prompts": bool (honours prompt overrides)} */
  mr_status (*describe)(void* instance, mr_bytes request_host_ptr, mr_call* call);
} mr_llm_api;

/* Scorer: {format, rubric:{...}, answers:[{questionId, question, concepts[], isFollowUp,
 * answer, atSeconds}]} -> report JSON (see README "Report"). */
typedef struct mr_scorer_api {
  uint32_t struct_size;
  mr_status (*score_session)(void* instance, mr_bytes request_host_ptr, mr_call* call);
} mr_scorer_api;

/* Code runner (ABI 1.1). Requests and results follow Judge0's field names.
 *
 * execute: {language: "python"|"cpp"|"javascript", source, stdin, expected_output?,
 *           cpu_time_limit?, wall_time_limit? (seconds), memory_limit? (KB),
 *           max_processes?, max_file_size? (KB)}
 *   -> {status: {id, description}, stdout, stderr, compile_output, exit_code, exit_signal,
 *       time, wall_time (seconds), memory (KB)}
 * execute_batch: the same fields, but `tests: [{stdin, expected_output}]` instead of stdin;
 *   compiles once and runs every test -> {compile: {status, compile_output} | null,
 *   results: [execute result, ...]} (with a compile error, results is empty).
 *
 * Status ids are Judge0's: 3 Accepted, 4 Wrong Answer, 5 Time Limit Exceeded, 6
 * Compilation Error, 7 SIGSEGV, 8 SIGXFSZ, 9 SIGFPE, 10 SIGABRT, 11 NZEC, 12 Other
 * runtime error, 13 Internal Error; plus 15 Memory Limit Exceeded and 16 Output Limit
 * Exceeded, which Judge0 lacks. Without expected_output, a clean run is Accepted. */
typedef struct mr_runner_api {
  uint32_t struct_size;
  mr_status (*execute)(void* instance, mr_bytes request_host_ptr, mr_call* call);
  mr_status (*execute_batch)(void* instance, mr_bytes request_host_ptr, mr_call* call);
} mr_runner_api;

/* ---- Speech (ABI 1.3) -------------------------------------------------------------------
 *
 * Audio crosses the boundary as raw PCM only: signed 16-bit little-endian samples, one
 * channel, at the sample rate the JSON request names ("sampleRate", 8000-48000; the engine
 * asks for 16000, the rate of its WebSocket audio). Audio the host hands in is an mr_bytes
 * view it owns for the call (len is a whole number of samples, so even). Audio a plugin
 * produces goes out through host->emit_bytes, which copies it, in chunks of whole samples,
 * as soon as each is ready, so the host can play the start while the rest is made. A
 * plugin converts to and from its engine's own format and rate itself. */

/* Speech-to-text.
 *
 * transcribe: one whole utterance.
 *   request {sampleRate, language?: "en", vocabulary?: ["word", ...] (words the speaker is
 *            likely to use, e.g. the question's: bias recognition toward them where the
 *            engine can), prompt?: "the question being answered"}
 *   -> {"text": "...", "durationS": seconds of audio, "confidence"?: 0..1, "model"?: "..."}
 *   Silence or noise is not an error: the text is "".
 *
 * Streaming (optional: a plugin that cannot stream leaves all four NULL, and the host
 * buffers the audio and calls transcribe when the utterance ends):
 *   stream_open takes the same request and returns an opaque stream, or NULL with
 *     set_error. Audio for it arrives with stream_feed, in order, in pieces of any size.
 *   stream_feed may write a result {"partial": "the text so far"} when its hypothesis
 *     changed (no result: nothing new).
 *   stream_finish ends the utterance and writes transcribe's result.
 *   stream_close frees the stream. The host calls it exactly once for every stream opened,
 *     after stream_finish or instead of it (to abandon the utterance). A stream is used by
 *     one thread at a time; different streams of one instance run concurrently. */
typedef struct mr_stt_api {
  uint32_t struct_size;
  mr_status (*transcribe)(void* instance, mr_bytes request_host_ptr, mr_bytes audio_host_ptr,
                          mr_call* call);
  void* (*stream_open)(void* instance, mr_bytes request_host_ptr, mr_call* call);
  mr_status (*stream_feed)(void* stream, mr_bytes audio_host_ptr, mr_call* call);
  mr_status (*stream_finish)(void* stream, mr_call* call);
  void (*stream_close)(void* stream);
} mr_stt_api;

/* Text-to-speech.
 *
 * synthesize: request {text, sampleRate, voice?: "name", speed?: 0.5..2 (1 = normal)}.
 *   The audio streams out through host->emit_bytes as it is synthesised; then the result
 *   {"sampleRate", "samples": how many were emitted, "voice": the voice used, "model"?}.
 *   A plugin polls is_cancelled between chunks (the candidate barged in) and then stops
 *   with MR_ERR_CANCELLED. It refuses a host whose table lacks emit_bytes. */
typedef struct mr_tts_api {
  uint32_t struct_size;
  mr_status (*synthesize)(void* instance, mr_bytes request_host_ptr, mr_call* call);
} mr_tts_api;

/* The descriptor a plugin returns from mr_plugin_entry. Static and immutable. */
typedef struct mr_plugin {
  uint16_t abi_major;
  uint16_t abi_minor;
  uint32_t struct_size;
  mr_kind kind;
  const char* name;        /* e.g. "llm_rules"; matches the config "use" value */
  const char* version;     /* the plugin's own version, e.g. "1.0.0" */
  const char* description; /* one line for the operator console */

  /* Creates an instance from its JSON config. On failure returns NULL and calls
   * host->set_error(call, ...) with the reason. */
  void* (*create)(mr_bytes config_json_host_ptr, mr_call* call);
  void (*destroy)(void* instance);

  /* Points at the table matching `kind`: mr_llm_api, mr_scorer_api, mr_runner_api,
   * mr_stt_api, mr_tts_api. */
  const void* calls;
} mr_plugin;

typedef int (*mr_plugin_entry_fn)(const mr_host_api* host, const mr_plugin** out);

#define MR_PLUGIN_ENTRY_SYMBOL "mr_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif /* MOCKROOM_PLUGIN_H */
