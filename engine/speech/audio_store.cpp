#include "speech/audio_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "speech_support/wav.h"
#include "util/crypto.h"

namespace mockroom::speech {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kAudioIdBytes = 12;

// Session and audio ids are lower-case hex; anything else never reaches a path.
bool is_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string audio_url(const std::string& session_id, const std::string& audio_id) {
  return "/api/interviews/" + session_id + "/audio/" + audio_id;
}

AudioStore::AudioStore(fs::path dir, int retention_days) : dir_(std::move(dir)), retention_days_(retention_days) {
  if (!enabled()) return;
  sweeper_ = std::thread([this] {
    std::unique_lock lock(mu_);
    do {
      lock.unlock();
      std::size_t n = sweep(std::chrono::system_clock::now());
      if (n) spdlog::info("audio retention: deleted {} answer recordings older than {} days", n, retention_days_);
      lock.lock();
    } while (!stop_cv_.wait_for(lock, kSweepEvery, [this] { return stopping_; }));
  });
}

AudioStore::~AudioStore() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
}

fs::path AudioStore::file(const std::string& session_id, const std::string& audio_id) const {
  return dir_ / session_id / (audio_id + ".wav");
}

Result<std::string> AudioStore::save(const std::string& session_id, std::string_view pcm, int sample_rate) {
  if (!enabled()) return invalid("audio retention is off");
  if (!is_id(session_id)) return invalid("bad session id");
  std::string audio_id = crypto::random_hex(kAudioIdBytes);
  std::error_code ec;
  fs::create_directories(dir_ / session_id, ec);
  if (ec) return internal("cannot create the audio folder: " + ec.message());
  fs::path path = file(session_id, audio_id);
  std::vector<int16_t> samples = audio::samples_of(pcm);
  std::string wav = audio::write_wav(samples.data(), samples.size(), sample_rate);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(wav.data(), static_cast<std::streamsize>(wav.size()));
    if (!out) return internal("cannot write " + path.string());
  }
  return audio_id;
}

Result<std::string> AudioStore::load(const std::string& session_id, const std::string& audio_id) const {
  if (!is_id(session_id) || !is_id(audio_id)) return not_found("no such recording");
  std::ifstream in(file(session_id, audio_id), std::ios::binary);
  if (!in) {
    return not_found(enabled() ? "no such recording (recordings are kept " + std::to_string(retention_days_) + " days)"
                               : "no such recording (audio retention is off)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t AudioStore::sweep(std::chrono::system_clock::time_point now) {
  if (!enabled()) return 0;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return 0;
  const auto cutoff = fs::file_time_type::clock::now() -
                      std::chrono::duration_cast<fs::file_time_type::duration>(
                          (std::chrono::system_clock::now() - now) + std::chrono::hours(24) * retention_days_);
  std::size_t removed = 0;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".wav") continue;
    if (it->last_write_time(ec) < cutoff && fs::remove(it->path(), ec)) ++removed;
  }
  // Folders of sessions whose audio is all gone.
  for (auto it = fs::directory_iterator(dir_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && fs::is_empty(it->path(), ec)) fs::remove(it->path(), ec);
  }
  return removed;
}

}  // namespace mockroom::speech
