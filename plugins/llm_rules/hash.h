// Stable hashing (64-bit FNV-1a): the plugin's only source of variety, so the same
// request always produces byte-identical output on every machine and every run.
#pragma once

#include <cstdint>
#include <string_view>

namespace mockroom::llm_rules {

class StableHash {
 public:
  StableHash& add(std::string_view bytes) {
    for (char c : bytes) mix(static_cast<uint8_t>(c));
    mix(kFieldSeparator);  // so ("ab", "c") and ("a", "bc") differ
    return *this;
  }
  StableHash& add(uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<uint8_t>(value >> shift));
    mix(kFieldSeparator);
    return *this;
  }
  uint64_t value() const { return state_; }

 private:
  static constexpr uint64_t kOffsetBasis = 14695981039346656037ull;
  static constexpr uint64_t kPrime = 1099511628211ull;
  static constexpr uint8_t kFieldSeparator = 0xFF;  // never occurs in UTF-8

  void mix(uint8_t byte) {
    state_ ^= byte;
    state_ *= kPrime;
  }

  uint64_t state_ = kOffsetBasis;
};

}  // namespace mockroom::llm_rules
