#include "core/secrets.h"

#include <sodium.h>

#include <vector>

namespace attune {

Status InitSecrets() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

namespace {

// `bytes` in base64url without padding.
std::string Base64Url(const std::vector<unsigned char>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

}  // namespace

std::string RandomBytes(size_t bytes) {
  std::string out(bytes, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string RandomToken(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return Base64Url(raw);
}

std::string RandomCode(size_t length, std::string_view alphabet) {
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    out += alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<std::string> FromBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Status::Invalid("not base64 text");
  }
  out.resize(length);
  return out;
}

std::string HashToken(std::string_view token, std::string_view key) {
  unsigned char digest[32];
  crypto_generichash(
      digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
      key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

namespace {

// The secretbox key for `key` in `context`.
void BoxKey(std::string_view key, std::string_view context,
            unsigned char out[crypto_secretbox_KEYBYTES]) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_secretbox_KEYBYTES);
  auto add = [&](std::string_view part) {
    unsigned long long size = part.size();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  };
  add(key);
  add(context);
  crypto_generichash_final(&state, out, crypto_secretbox_KEYBYTES);
}

}  // namespace

std::string SealSecret(std::string_view plain, std::string_view key, std::string_view context) {
  unsigned char box_key[crypto_secretbox_KEYBYTES];
  BoxKey(key, context, box_key);
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    plain.size());
  randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        sealed.data(), box_key);
  sodium_memzero(box_key, sizeof box_key);
  return Base64Url(sealed);
}

Result<std::string> OpenSecret(std::string_view box, std::string_view key,
                               std::string_view context) {
  const Status broken = Status::Internal("a sealed secret could not be opened");
  std::vector<unsigned char> sealed(box.size());
  size_t length = 0;
  if (sodium_base642bin(sealed.data(), sealed.size(), box.data(), box.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return broken;
  }
  unsigned char box_key[crypto_secretbox_KEYBYTES];
  BoxKey(key, context, box_key);
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  int opened = crypto_secretbox_open_easy(
      reinterpret_cast<unsigned char*>(plain.data()), sealed.data() + crypto_secretbox_NONCEBYTES,
      length - crypto_secretbox_NONCEBYTES, sealed.data(), box_key);
  sodium_memzero(box_key, sizeof box_key);
  if (opened != 0) return broken;
  return plain;
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::Internal("not enough memory to hash a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Status CheckPasswordStrength(std::string_view password, std::string_view field) {
  if (password.size() < 10) {
    return Status::Invalid("Choose a password of at least 10 characters", std::string(field));
  }
  if (password.size() > 256) {
    return Status::Invalid("Choose a password of at most 256 characters", std::string(field));
  }
  return Status::Ok();
}

}  // namespace attune
