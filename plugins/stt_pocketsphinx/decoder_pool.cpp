#include "decoder_pool.h"

#include <chrono>

#include "boundary.h"

namespace mockroom::stt_pocketsphinx {

namespace {
// How often a waiting acquire looks at the host's cancel flag.
constexpr auto kCancelPoll = std::chrono::milliseconds(50);
}  // namespace

Lease& Lease::operator=(Lease&& other) {
  if (this != &other) {
    give_back();
    pool_ = other.pool_;
    decoder_ = std::move(other.decoder_);
    broken_ = other.broken_;
  }
  return *this;
}

Lease::~Lease() { give_back(); }

void Lease::give_back() {
  if (!decoder_) return;
  if (broken_) {
    decoder_.reset();
    pool_->drop();
  } else {
    decoder_->abandon();
    pool_->give_back(std::move(decoder_));
  }
}

std::unique_ptr<Decoder> DecoderPool::make(std::string& error) {
  auto decoder = Decoder::create(config_, error);
  if (!decoder) drop();
  return decoder;
}

bool DecoderPool::warm(std::string& error) {
  for (int i = 0; i < config_.warm_decoders; ++i) {
    {
      std::lock_guard lock(mu_);
      ++total_;
    }
    auto decoder = make(error);
    if (!decoder) return false;
    give_back(std::move(decoder));
  }
  return true;
}

Lease DecoderPool::try_acquire(std::string& error) {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto decoder = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(decoder));
    }
    if (total_ >= config_.max_decoders) return {};
    ++total_;
  }
  auto decoder = make(error);  // outside the lock: loading takes about a second
  return decoder ? Lease(this, std::move(decoder)) : Lease();
}

Lease DecoderPool::acquire(const mr_call* call, std::string& error) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config_.decoder_wait_seconds);
  for (;;) {
    error.clear();
    Lease lease = try_acquire(error);
    if (lease || !error.empty()) return lease;
    if (plugin_support::cancelled(call)) {
      error = "cancelled while waiting for a free decoder";
      return {};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      error = "all " + std::to_string(config_.max_decoders) + " decoders stayed busy for " +
              std::to_string(config_.decoder_wait_seconds) + " s (raise maxDecoders)";
      return {};
    }
    std::unique_lock lock(mu_);
    returned_.wait_for(lock, kCancelPoll, [&] { return !idle_.empty() || total_ < config_.max_decoders; });
  }
}

void DecoderPool::give_back(std::unique_ptr<Decoder> decoder) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(decoder));
  }
  returned_.notify_one();
}

void DecoderPool::drop() {
  {
    std::lock_guard lock(mu_);
    --total_;
  }
  returned_.notify_one();
}

}  // namespace mockroom::stt_pocketsphinx
