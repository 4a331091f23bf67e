#include "util/crypto.h"

#include <sodium.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace mockroom::crypto {
namespace {

void ensure_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string to_hex(const unsigned char* data, std::size_t len) {
  std::string out(len * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, len);
  out.pop_back();
  return out;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  ensure_init();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

std::string sha256_hex(std::string_view data) {
  ensure_init();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(out, sizeof out);
}

std::string hash_password(std::string_view password) {
  ensure_init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_init();
  std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  ensure_init();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, out);
  return to_hex(out, sizeof out);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_init();
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string load_or_create_secret_key(const std::string& path) {
  ensure_init();
  static_assert(kSecretKeyBytes == crypto_secretbox_KEYBYTES);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::string key(kSecretKeyBytes, '\0');
    randombytes_buf(key.data(), key.size());
    mode_t old = ::umask(077);
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(key.data(), static_cast<std::streamsize>(key.size()));
      if (!out) {
        ::umask(old);
        throw std::runtime_error("cannot write the secret key file " + path);
      }
    }
    ::umask(old);
    return key;
  }
  std::ifstream in(path, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("cannot read the secret key file " + path);
  if (key.size() != kSecretKeyBytes) {
    throw std::runtime_error("the secret key file " + path + " is not " + std::to_string(kSecretKeyBytes) + " bytes");
  }
  return key;
}

std::string seal(std::string_view key, std::string_view plaintext) {
  ensure_init();
  if (key.size() != crypto_secretbox_KEYBYTES) throw std::invalid_argument("seal: wrong key size");
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), out.data(),
                        reinterpret_cast<const unsigned char*>(key.data()));
  return to_hex(out.data(), out.size());
}

std::optional<std::string> unseal(std::string_view key, std::string_view sealed_hex) {
  ensure_init();
  if (key.size() != crypto_secretbox_KEYBYTES) return std::nullopt;
  std::vector<unsigned char> bytes(sealed_hex.size() / 2 + 1);
  std::size_t len = 0;
  if (sodium_hex2bin(bytes.data(), bytes.size(), sealed_hex.data(), sealed_hex.size(), nullptr, &len, nullptr) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), bytes.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, bytes.data(),
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace mockroom::crypto
