// One uploaded version of a school's behaviour policy (the TOML text).
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace attune {

struct PolicyVersion {
  long long id = 0;
  long long school_id = 0;
  int version = 0;  // 1, 2, ... per school
  std::string source_text;
  std::string school_name;
  std::string note;
  std::string uploaded_by;  // staff name, filled by queries
  Timestamp uploaded_at{};
  std::optional<Date> active_from;  // none while a draft
};

}  // namespace attune
