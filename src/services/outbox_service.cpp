// The admin's view of the outbox (services/outbox_service.h).
#include "services/outbox_service.h"

#include "services/audit.h"
#include "services/authorization.h"

namespace attune {

Result<std::vector<OutboxMessage>> OutboxService::Unsent(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kMailManage));
  return store_.ListUnsentMail(by.school_id, kListLimit);
}

Status OutboxService::TryAgain(const Principal& by, long long id, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kMailManage));
  ATTUNE_RETURN_IF_ERROR(store_.RetryMail(by.school_id, id, Now()));
  Audit(store_, &by, "mail.retry", "mail", id, "", ip);
  Enqueued();
  return Status::Ok();
}

}  // namespace attune
