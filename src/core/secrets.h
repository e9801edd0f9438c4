// Passwords, random tokens and their hashes (libsodium).
//
// Passwords are hashed with argon2id (crypto_pwhash_str, interactive limits).
// Session ids, CSRF tokens and API tokens are 32 random bytes in base64url;
// only a BLAKE2b hash of a session id or API token is ever stored.
//
// REQUIRES: InitSecrets() has been called once before any other function.
// Thread-safety: safe from any thread after InitSecrets().
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace attune {

// Initialises libsodium. Returns Internal if the library cannot start.
Status InitSecrets();

// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);
// `length` characters each drawn uniformly from `alphabet` (REQUIRES: not
// empty), e.g. a one-time code a child types.
std::string RandomCode(size_t length, std::string_view alphabet);

// `bytes` in base64 with padding (RFC 4648's standard alphabet), as MIME's
// encoded words and bodies carry them.
std::string Base64(std::string_view bytes);
// The bytes `text` (Base64's output) holds; Invalid when it is not base64.
Result<std::string> FromBase64(std::string_view text);

// Hex BLAKE2b-256 of `token`: what is stored for session ids and API tokens.
// Keyed with `key` (16 to 64 bytes; Default: none), it is a MAC: only a
// holder of the key can make it.
std::string HashToken(std::string_view token, std::string_view key = {});

// argon2id hash string (includes salt and parameters).
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// Comparison whose time does not depend on where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The rule for staff passwords; returns Invalid naming `field` when too weak.
Status CheckPasswordStrength(std::string_view password, std::string_view field = "password");

}  // namespace attune
