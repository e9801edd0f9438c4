// Where a session owing its second step goes, and the set-up page's QR
// code (web/second_step.h).
#include "web/second_step.h"

#include <qrencode.h>

#include <memory>

#include "http/url.h"

namespace attune::web {

std::string SecondStepAddress(const Principal& who, const std::string& next) {
  switch (who.second_factor_due) {
    case SecondFactorDue::kCode:
      return "/sign-in/code?next=" + http::PercentEncode(next);
    case SecondFactorDue::kEnrolment:
      return "/account/two-step?next=" + http::PercentEncode(next);
    case SecondFactorDue::kNone:
      break;
  }
  return next;
}

std::string QrSvg(const std::string& text, int size, const std::string& label) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) return "";
  const int width = qr->width;
  const int quiet = 4;  // modules of white around the code (ISO/IEC 18004)
  const int side = width + 2 * quiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width;) {
      if (!(qr->data[y * width + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (qr->data[y * width + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  std::string s = std::to_string(side);
  std::string px = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" +
         label + "\" width=\"" + px + "\" height=\"" + px + "\" viewBox=\"0 0 " + s + " " + s +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace attune::web
