// RFC 6238 codes through liboath (services/totp.h).
#include "services/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>

#include "core/secrets.h"

namespace attune {
namespace {

// liboath asks to be initialised once before use.
void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

// liboath's candidates compared with the code sent, in constant time.
int SameCode(void* handle, const char* candidate) {
  const auto* code = static_cast<const std::string_view*>(handle);
  return ConstantTimeEquals(*code, candidate) ? 0 : 1;
}

}  // namespace

long long TotpStep(std::time_t at) {
  return static_cast<long long>(at) / static_cast<long long>(kTotpStepSeconds);
}

std::optional<long long> TotpMatch(std::string_view key, std::string_view code, std::time_t at,
                                   unsigned window, unsigned digits) {
  if (code.size() != digits || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  InitOath();
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate4_callback(key.data(), key.size(), at, kTotpStepSeconds,
                                        OATH_TOTP_DEFAULT_START_TIME, digits, window, &position,
                                        &counter, 0, SameCode, &code);
  if (rc < 0) return std::nullopt;
  return static_cast<long long>(counter);
}

std::string TotpCode(std::string_view key, std::time_t at, unsigned digits) {
  InitOath();
  char out[16] = {};
  if (digits > 10) return "";
  if (oath_totp_generate(key.data(), key.size(), at, kTotpStepSeconds, OATH_TOTP_DEFAULT_START_TIME,
                         digits, out) != OATH_OK) {
    return "";
  }
  return out;
}

std::string Base32(std::string_view bytes) {
  InitOath();
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &length) != OATH_OK) return "";
  std::string text(out, length);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

}  // namespace attune
