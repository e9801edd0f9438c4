// Finding pupils and reading a pupil's page, with special-category fields
// and contacts only for the roles allowed them; reads of those are audited.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "storage/store.h"

namespace attune {

struct PupilPage {
  Pupil pupil;  // special-category fields cleared unless show_sensitive
  PupilProfile profile;
  std::vector<Contact> contacts;  // empty unless show_contacts
  bool show_sensitive = false;
  bool show_contacts = false;
};

struct PupilSearch {
  std::string query;
  int limit = 25;  // Default: 25; at most 100
  int offset = 0;
};

class PupilService {
 public:
  explicit PupilService(Store& store) : store_(store) {}

  // Invalid when limit/offset are out of range or the query is too long.
  static Status Validate(const PupilSearch& search);

  // Pupils of the principal's school; special-category fields cleared unless
  // the principal may see them.
  Result<std::vector<Pupil>> Search(const Principal& by, const PupilSearch& search);
  Result<long long> Count(const Principal& by);

  // NotFound when no such pupil in the principal's school.
  Result<PupilPage> Page(const Principal& by, long long pupil_id, const std::string& ip);

 private:
  Store& store_;
};

// Clears ethnicity, FSM, looked-after and EHCP.
void RedactSensitive(Pupil& pupil);

}  // namespace attune
