#include "services/policy_service.h"

#include "policy/shipped.h"
#include "services/audit.h"

namespace attune {

std::shared_ptr<const policy::Policy> PolicyService::Cached(long long id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(id);
  return it == cache_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const policy::Policy>> PolicyService::Parse(const PolicyVersion& v) {
  if (auto cached = Cached(v.id)) return cached;
  policy::LoadResult loaded = policy::LoadPolicy(v.source_text);
  if (!loaded.ok()) {
    return Status::Internal("policy version " + std::to_string(v.version) +
                            " no longer loads; upload it again");
  }
  auto parsed = std::make_shared<const policy::Policy>(std::move(*loaded.policy));
  std::lock_guard<std::mutex> lock(mu_);
  cache_[v.id] = parsed;
  return parsed;
}

Result<PolicyUpload> PolicyService::Upload(const Principal& by, const std::string& text,
                                           const std::string& note, const std::string& ip) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::Invalid("Paste the policy file's text", "policy");
  }
  if (text.size() > policy::kMaxPolicyBytes) {
    return Status::Invalid("The policy is larger than 256 KB; a policy needs far less", "policy");
  }
  if (note.size() > 500) return Status::Invalid("Keep the note under 500 characters", "note");
  PolicyUpload out;
  policy::LoadResult loaded = policy::LoadPolicy(text);
  out.diagnostics = loaded.diagnostics;
  if (!loaded.ok()) return out;
  PolicyVersion draft;
  draft.school_id = by.school_id;
  draft.source_text = text;
  draft.school_name = loaded.policy->school_name;
  draft.note = note;
  auto saved = store_.CreatePolicyVersion(draft, by.staff_id);
  if (!saved.ok()) return saved.status();
  Audit(store_, &by, "policy.uploaded", "policy_version", saved->id,
        "version " + std::to_string(saved->version), ip);
  out.saved = *saved;
  return out;
}

Result<PolicyVersion> PolicyService::InstallShipped(long long school_id, const std::string& name,
                                                    Date from) {
  for (const auto& file : policy::ShippedPolicies()) {
    if (file.name != name) continue;
    policy::LoadResult loaded = policy::LoadPolicy(file.content);
    if (!loaded.ok()) return Status::Internal("shipped policy " + name + " does not load");
    PolicyVersion draft;
    draft.school_id = school_id;
    draft.source_text = std::string(file.content);
    draft.school_name = loaded.policy->school_name;
    draft.note = "Example policy " + name + " shipped with attune";
    auto saved = store_.CreatePolicyVersion(draft, 0);
    if (!saved.ok()) return saved.status();
    ATTUNE_RETURN_IF_ERROR(store_.ActivatePolicyVersion(school_id, saved->id, from, 0));
    saved->active_from = from;
    return saved;
  }
  return Status::NotFound("no shipped policy named " + name);
}

Result<std::vector<PolicyVersion>> PolicyService::List(const Principal& by) {
  return store_.ListPolicyVersions(by.school_id);
}

Result<LoadedPolicy> PolicyService::InForce(long long school_id, Date day) {
  // Asked on every record, so the text (tens of KB) is read only when the
  // version is not parsed yet.
  auto version = store_.PolicyInForce(school_id, day);
  if (!version.ok()) return version.status();
  if (auto cached = Cached(version->id)) return LoadedPolicy{*version, cached, {}};
  auto loaded = ById(school_id, version->id);
  if (!loaded.ok()) return loaded.status();
  loaded->version.source_text.clear();
  return loaded;
}

Result<LoadedPolicy> PolicyService::ById(long long school_id, long long id) {
  auto version = store_.GetPolicyVersion(school_id, id);
  if (!version.ok()) return version.status();
  auto parsed = Parse(*version);
  if (!parsed.ok()) return parsed.status();
  return LoadedPolicy{*version, *parsed, {}};
}

Result<std::map<std::string, std::string>> PolicyService::CategoryNames(const Principal& by) {
  auto versions = List(by);
  if (!versions.ok()) return versions.status();
  std::map<std::string, std::string> out;
  for (const auto& v : *versions) {  // newest first: its name stays
    // Parsed once and kept: the text is read again only for a version
    // not yet parsed.
    std::shared_ptr<const policy::Policy> parsed = Cached(v.id);
    if (!parsed) {
      auto loaded = ById(by.school_id, v.id);
      if (!loaded.ok()) continue;  // a version that no longer loads names nothing
      parsed = loaded->policy;
    }
    for (const auto& c : parsed->categories) out.emplace(c.id, c.name);
  }
  return out;
}

Result<LoadedPolicy> PolicyService::Version(const Principal& by, long long id) {
  auto loaded = ById(by.school_id, id);
  if (!loaded.ok()) return loaded.status();
  LoadedPolicy out = std::move(*loaded);
  const PolicyVersion* version = &out.version;
  for (auto& d : policy::LoadPolicy(version->source_text).diagnostics) {
    if (!d.error) out.warnings.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<policy::PolicyChange>> PolicyService::ChangesIn(const Principal& by,
                                                                   long long id) {
  auto target = Version(by, id);
  if (!target.ok()) return target.status();
  auto current = InForce(by.school_id, LondonDate(Now()));
  if (!current.ok()) {
    if (current.status().code() != StatusCode::kNotFound) return current.status();
    return policy::DiffPolicies(policy::Policy{}, *target->policy);
  }
  return policy::DiffPolicies(*current->policy, *target->policy);
}

Status PolicyService::Activate(const Principal& by, long long id, const std::string& from,
                               const std::string& ip) {
  auto day = ParseDate(from, "active_from");
  if (!day.ok()) return day.status();
  if (*day < LondonDate(Now())) {
    return Status::Invalid(
        "Choose today or a later date: records already made keep the policy "
        "that was in force",
        "active_from");
  }
  auto version = Version(by, id);
  if (!version.ok()) return version.status();
  ATTUNE_RETURN_IF_ERROR(store_.ActivatePolicyVersion(by.school_id, id, *day, by.staff_id));
  Audit(store_, &by, "policy.activated", "policy_version", id,
        "version " + std::to_string(version->version.version) + " from " + FormatDate(*day), ip);
  return Status::Ok();
}

}  // namespace attune
