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

// `bytes` random bytes, raw: for a key.
std::string RandomBytes(size_t bytes);
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

// `plain` sealed with a key derived from `key` and `context` (BLAKE2b of
// both: a box sealed for one context does not open in another), with
// authenticated encryption (libsodium secretbox, a random nonce), as
// base64url text. For secrets the server must read again, such as an
// authenticator's shared key; `key` is kept apart from what it seals.
std::string SealSecret(std::string_view plain, std::string_view key, std::string_view context);
// The plain text of a box SealSecret made with the same key and context.
// Internal when the box is malformed, altered, or sealed otherwise.
Result<std::string> OpenSecret(std::string_view box, std::string_view key,
                               std::string_view context);

// argon2id hash string (includes salt and parameters).
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// Comparison whose time does not depend on where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The rule for staff passwords; returns Invalid naming `field` when too weak.
Status CheckPasswordStrength(std::string_view password, std::string_view field = "password");

}  // namespace attune
