// A secret of the server's own, kept in the store (SessionStore::
// KeptSecret: made by the first process to ask, then shared by all), read
// once and held: the sign-in form's MAC key, two-step sign-in's key.
//
// Thread-safety: Get is safe from any thread.
#pragma once

#include <mutex>
#include <string>
#include <utility>

#include "core/secrets.h"
#include "core/status.h"
#include "storage/session_store.h"

namespace attune {

class ServerSecret {
 public:
  // REQUIRES: `store` outlives this.
  ServerSecret(SessionStore& store, std::string name) : store_(store), name_(std::move(name)) {}

  // The secret: random (32 bytes, base64url) when first made.
  Result<std::string> Get() {
    std::lock_guard<std::mutex> lock(mu_);
    if (value_.empty()) {
      auto kept = store_.KeptSecret(name_, RandomToken());
      if (!kept.ok()) return kept.status();
      value_ = *kept;
    }
    return value_;
  }

 private:
  SessionStore& store_;
  const std::string name_;
  std::mutex mu_;
  std::string value_;  // guarded by mu_; "" until read
};

}  // namespace attune
