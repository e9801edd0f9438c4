// The demo's trust and local authority (demo/organisations.h).
#include "demo/organisations.h"

#include "model/organisation.h"

namespace attune::demo {
namespace {

struct DemoOrganisation {
  const char* kind;
  const char* name;
  const char* code;  // beyond any DfE LA code (they run 201 to 938)
  const char* email;
  const char* person;
};

constexpr DemoOrganisation kOrganisations[] = {
    {Organisation::kTrust, "Attune Demo Learning Trust", "", kDemoTrustEmail, "Morgan Ellis"},
    {Organisation::kLocalAuthority, "Demo County Council", "999", kDemoAuthorityEmail,
     "Priya Shah"},
};

}  // namespace

Status AddDemoOrganisations(Store& store, const std::vector<long long>& school_ids,
                            const std::string& password_hash) {
  for (const auto& o : kOrganisations) {
    Organisation org;
    org.kind = o.kind;
    org.name = o.name;
    org.code = o.code;
    auto id = store.CreateOrganisation(org);
    if (!id.ok()) return id.status();
    for (long long school : school_ids) ATTUNE_RETURN_IF_ERROR(store.AttachSchool(*id, school));
    OrganisationMember person;
    person.organisation_id = *id;
    person.email = o.email;
    person.name = o.person;
    person.role = OrganisationRole(o.kind);
    person.password_hash = password_hash;
    auto member = store.CreateOrganisationMember(person);
    if (!member.ok()) return member.status();
  }
  return Status::Ok();
}

}  // namespace attune::demo
