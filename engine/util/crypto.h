// Thin wrappers over libsodium: random identifiers, SHA-256, Argon2id password hashes.
// sodium_init() runs once, on first use; every function is thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mockroom::crypto {

// `bytes` random bytes as lower-case hex (2 * bytes characters).
std::string random_hex(std::size_t bytes);
// A new identifier for rows the API exposes (sessions): 16 random bytes, hex.
inline std::string new_id() { return random_hex(16); }
std::string sha256_hex(std::string_view data);
// Argon2id with libsodium's interactive limits; the result embeds salt and parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace mockroom::crypto
