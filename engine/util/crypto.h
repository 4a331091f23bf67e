// Thin wrappers over libsodium: random identifiers, SHA-256, Argon2id password hashes,
// HMAC-SHA256 and sealed secrets.
// sodium_init() runs once, on first use; every function is thread-safe.
#pragma once

#include <optional>
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
// HMAC-SHA256 of `data` under `key` (any length), as lower-case hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Compares two strings in time independent of where they differ (for signatures).
bool constant_time_equal(std::string_view a, std::string_view b);

// Secret values kept at rest (API keys in the store), sealed with XSalsa20-Poly1305 under a
// 32-byte key. The sealed form is hex text: nonce then ciphertext.
inline constexpr std::size_t kSecretKeyBytes = 32;
// Reads the key from `path`, creating it (mode 0600, random) when the file is absent.
// Throws when the file cannot be read or made, or has the wrong size: a start-up failure.
std::string load_or_create_secret_key(const std::string& path);
std::string seal(std::string_view key, std::string_view plaintext);
// Empty optional when the text was not sealed under this key or was altered.
std::optional<std::string> unseal(std::string_view key, std::string_view sealed_hex);

}  // namespace mockroom::crypto
