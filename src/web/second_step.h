// The second step of signing in (decision 0030), shared by the sign-in
// form, the error page and the second step's own pages: where a session
// owing it is sent, and the QR code of the set-up page.
#pragma once

#include <string>

#include "model/principal.h"

namespace attune::web {

// The page where `who` gives what their session still owes, on to `next`
// afterwards: "/sign-in/code?next=..." for a code, "/account/two-step?next=..."
// to set two-step sign-in up; `next` itself when nothing is owed.
std::string SecondStepAddress(const Principal& who, const std::string& next);

// `text` as a QR code (libqrencode, error correction level M) in inline
// SVG: dark modules as one path on a white square with the quiet zone the
// standard asks for, drawn `size` pixels wide, named `label` for screen
// readers. "" if the text is too long for a QR code.
// REQUIRES: `label` is attune's own words, with no '"', '<' or '&'.
std::string QrSvg(const std::string& text, int size, const std::string& label);

}  // namespace attune::web
