// libFuzzer target for reading HTTP requests (heads, bodies in every
// transfer coding, forms, multipart, JSON) and writing response headers; the
// checks are in http_request_checks.h. Build and run with
// scripts/fuzz-http.sh.
#include <cstddef>
#include <cstdint>

#include "http_request_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  attune_fuzz::CheckHttpInput(data, size);
  return 0;
}
