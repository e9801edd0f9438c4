// The JSON shapes of records, shared by the API's resources.
#pragma once

#include <nlohmann/json.hpp>

#include "http/json_writer.h"
#include "model/action.h"
#include "model/contact_log.h"
#include "model/incident.h"
#include "model/restorative.h"

namespace attune::api {

nlohmann::json TimeJson(const std::optional<Timestamp>& t);  // ISO UTC or null
// Written straight to text: these are in the answer to every record made.
void WriteAction(http::JsonWriter& w, const Action& a, Timestamp now);
void WriteEscalation(http::JsonWriter& w, const EscalationRecord& e);
nlohmann::json IncidentJson(const Incident& i);
// outcome is null until decided, then "suspended" or "not_suspended".
nlohmann::json SuspensionJson(const Suspension& s);
nlohmann::json RestorativeJson(const RestorativeConversation& c);
// reason is the NoRepairReasons() id.
nlohmann::json NoRepairJson(const NoRepair& n);
nlohmann::json ContactLogJson(const ContactLogEntry& e);

}  // namespace attune::api
