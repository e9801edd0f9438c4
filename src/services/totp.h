// Time-based one-time codes (RFC 6238) as every authenticator app reads
// them: HMAC-SHA-1, 30-second steps from the Unix epoch, 6 digits. The
// codes themselves are liboath's (Debian's liboath); nothing here computes
// an HMAC.
//
// Thread-safety: safe from any thread.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;
// Bytes of a new shared key: 160 bits, as RFC 4226 recommends for SHA-1.
inline constexpr size_t kTotpKeyBytes = 20;

// The step `at` falls in (RFC 6238's T): whole 30-second steps since 1970.
long long TotpStep(std::time_t at);

// The step, within `window` steps either side of `at`'s, whose code for
// `key` (raw bytes) is `code` (`digits` digits, nothing else); nullopt when
// none is. Codes are compared in constant time. Default `window`: 1, so a
// phone whose clock is up to a step out still signs in.
std::optional<long long> TotpMatch(std::string_view key, std::string_view code, std::time_t at,
                                   unsigned window = 1, unsigned digits = kTotpDigits);

// The code for `key` at `at` ("" if liboath refuses), as an app shows it.
std::string TotpCode(std::string_view key, std::time_t at, unsigned digits = kTotpDigits);

// `bytes` in RFC 4648 base32, upper case without padding: how apps take a
// key typed in or read from an otpauth:// address.
std::string Base32(std::string_view bytes);

}  // namespace attune
