// The decoders of one stt_pocketsphinx instance: created on demand up to maxDecoders (the
// first warmDecoders when the instance is created, so the first answer does not wait for
// a model to load) and lent out one utterance at a time. A decoder that failed is dropped,
// and another is made in its place when needed. Thread-safe; the pool must outlive every
// Lease (the host closes every stream before it destroys the instance).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config.h"
#include "decoder.h"
#include "mockroom/plugin.h"

namespace mockroom::stt_pocketsphinx {

class DecoderPool;

// A borrowed decoder, given back when the lease ends (or dropped if marked broken).
class Lease {
 public:
  Lease() = default;
  Lease(DecoderPool* pool, std::unique_ptr<Decoder> decoder) : pool_(pool), decoder_(std::move(decoder)) {}
  Lease(Lease&&) = default;
  Lease& operator=(Lease&& other);
  ~Lease();
  explicit operator bool() const { return decoder_ != nullptr; }
  Decoder* operator->() const { return decoder_.get(); }
  // The decoder misbehaved: it is destroyed instead of given back.
  void broken() { broken_ = true; }

 private:
  void give_back();
  DecoderPool* pool_ = nullptr;
  std::unique_ptr<Decoder> decoder_;
  bool broken_ = false;
};

class DecoderPool {
 public:
  explicit DecoderPool(const Config& config) : config_(config) {}
  // Loads the warm decoders; false with `error` if the model does not load.
  bool warm(std::string& error);

  // A decoder now, if one is idle or may be created; an empty lease otherwise (or on a
  // load failure, with `error` set).
  Lease try_acquire(std::string& error);
  // Waits up to decoderWaitSeconds for a decoder, giving up early when the host cancels
  // `call`. An empty lease with `error` set on failure.
  Lease acquire(const mr_call* call, std::string& error);

 private:
  friend class Lease;
  void give_back(std::unique_ptr<Decoder> decoder);
  void drop();
  std::unique_ptr<Decoder> make(std::string& error);

  const Config& config_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Decoder>> idle_;
  int total_ = 0;  // idle, lent and being created
};

}  // namespace mockroom::stt_pocketsphinx
