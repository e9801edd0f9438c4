// The JSON shapes of records, shared by the API's resources.
#pragma once

#include <nlohmann/json.hpp>

#include "model/action.h"
#include "model/contact_log.h"
#include "model/incident.h"
#include "model/restorative.h"

namespace attune::api {

nlohmann::json TimeJson(const std::optional<Timestamp>& t);  // ISO UTC or null
nlohmann::json ActionJson(const Action& a, Timestamp now);
nlohmann::json IncidentJson(const Incident& i);
// outcome is null until decided, then "suspended" or "not_suspended".
nlohmann::json SuspensionJson(const Suspension& s);
nlohmann::json EscalationJson(const EscalationRecord& e);
nlohmann::json RestorativeJson(const RestorativeConversation& c);
nlohmann::json ContactLogJson(const ContactLogEntry& e);

}  // namespace attune::api
