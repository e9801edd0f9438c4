#include "services/family_service.h"

#include <map>

#include "core/secrets.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"
#include "services/text.h"

namespace attune {
namespace {

constexpr int kContactsShown = 50;

}  // namespace

Status FamilyService::ParentOnly(const Principal& by) {
  if (by.role != Role::kParent || !by.family_id) {
    return Status::Forbidden("This page is for parents and carers");
  }
  return Status::Ok();
}

const policy::Policy* FamilyService::PolicyOf(long long school_id, long long version_id,
                                              VersionCache& cache) {
  auto& policy = cache[version_id];
  if (!policy) {
    auto loaded = policies_.ById(school_id, version_id);
    if (loaded.ok()) policy = loaded->policy;
  }
  return policy.get();
}

Result<std::string> FamilyService::SchoolName(long long school_id) {
  auto school = store_.GetSchool(school_id);
  if (!school.ok()) return school.status();
  return school->name;
}

Result<long long> FamilyService::AddParent(long long school_id, const std::string& raw_email,
                                           const std::string& raw_name, const std::string& password,
                                           const std::vector<long long>& pupil_ids) {
  std::string email = ToLower(Trim(raw_email));
  std::string name = Trim(raw_name);
  if (!LooksLikeEmail(email)) {
    return Status::Invalid("Enter an email address like name@example.org", "email");
  }
  if (name.empty() || name.size() > 200) return Status::Invalid("Enter their name", "name");
  if (pupil_ids.empty()) return Status::Invalid("Name at least one pupil", "pupils");
  for (long long id : pupil_ids) {
    auto pupil = store_.GetPupil(school_id, id);
    if (!pupil.ok()) {
      return Status::Invalid("No pupil " + std::to_string(id) + " in this school", "pupils");
    }
  }
  long long family_id = 0;
  auto existing = store_.FindFamilyByEmail(email);
  if (existing.ok()) {
    if (existing->school_id != school_id) {
      return Status::Conflict("That email signs in to another school's families", "email");
    }
    family_id = existing->id;
  } else if (existing.status().code() == StatusCode::kNotFound) {
    FamilyAccount a;
    a.school_id = school_id;
    a.email = email;
    a.name = name;
    if (!password.empty()) {
      ATTUNE_RETURN_IF_ERROR(CheckPasswordStrength(password, "password"));
      auto hash = HashPassword(password);
      if (!hash.ok()) return hash.status();
      a.password_hash = *hash;
    }
    a.created_at = Now();
    auto id = store_.CreateFamilyAccount(a);
    if (!id.ok()) return id.status();
    family_id = *id;
  } else {
    return existing.status();
  }
  for (long long pupil_id : pupil_ids) {
    auto contacts = store_.ListContacts(school_id, pupil_id);
    if (!contacts.ok()) return contacts.status();
    long long contact_id = 0;
    for (const auto& c : *contacts) {
      if (ToLower(Trim(c.email)) == email) contact_id = c.id;
    }
    if (!contact_id) {
      Contact c;
      c.pupil_id = pupil_id;
      c.name = name;
      c.relationship = "Parent or carer";
      c.email = email;
      c.priority = static_cast<int>(contacts->size()) + 1;
      auto id = store_.AddContact(school_id, c);
      if (!id.ok()) return id.status();
      contact_id = *id;
    }
    ATTUNE_RETURN_IF_ERROR(store_.LinkContact(school_id, contact_id, family_id));
  }
  Principal who;
  who.school_id = school_id;
  Audit(store_, &who, "family.added", "family", family_id,
        std::to_string(pupil_ids.size()) + " pupil(s)", "");
  return family_id;
}

Status FamilyService::Invite(const Principal& by, long long pupil_id, long long contact_id,
                             const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsViewContacts));
  auto contacts = store_.ListContacts(by.school_id, pupil_id);
  if (!contacts.ok()) return contacts.status();
  const Contact* contact = nullptr;
  for (const auto& c : *contacts) {
    if (c.id == contact_id) contact = &c;
  }
  if (!contact) return Status::NotFound("No such contact");
  std::string email = ToLower(Trim(contact->email));
  if (!LooksLikeEmail(email)) {
    return Status::Invalid("Add an email address for " + contact->name + " before inviting them",
                           "email");
  }
  long long family_id = 0;
  auto existing = store_.FindFamilyByEmail(email);
  if (existing.ok()) {
    if (existing->school_id != by.school_id) {
      return Status::Conflict("That email signs in to another school's families", "email");
    }
    family_id = existing->id;
  } else if (existing.status().code() == StatusCode::kNotFound) {
    FamilyAccount a;
    a.school_id = by.school_id;
    a.email = email;
    a.name = contact->name;
    a.created_at = Now();
    auto id = store_.CreateFamilyAccount(a);
    if (!id.ok()) return id.status();
    family_id = *id;
  } else {
    return existing.status();
  }
  ATTUNE_RETURN_IF_ERROR(store_.LinkContact(by.school_id, contact_id, family_id));

  std::string token = RandomToken();
  Timestamp now = Now();
  ATTUNE_RETURN_IF_ERROR(store_.CreateFamilyInvitation(HashToken(token), by.school_id, family_id,
                                                       by.staff_id, now, now + kInvitationLasts));
  if (outbox_) {
    auto school = SchoolName(by.school_id);
    std::string school_name = school.ok() ? *school : "your child's school";
    NewMail m;
    m.kind = "family_invitation";
    m.to = email;
    m.message_domain = outbox_->settings().MessageDomain();
    m.subject = school_name + " invites you to attune";
    m.body = "Dear " + contact->name + ",\n\n" + school_name +
             " uses attune to tell families what their children are doing well, and to share "
             "the plans we make together.\n\nChoose your password here (the link works once, "
             "for 7 days):\n" +
             outbox_->settings().base_url + "/family/welcome/" + token +
             "\n\nIf you were not expecting this, you can ignore it.\n\n" + school_name + "\n";
    auto queued = store_.EnqueueMail(by.school_id, m, now);
    if (!queued.ok()) return queued.status();
    outbox_->Enqueued();
  }
  Audit(store_, &by, "family.invited", "family", family_id,
        "pupil " + std::to_string(pupil_id) + ", contact " + std::to_string(contact_id), ip);
  return Status::Ok();
}

Status FamilyService::StopAccess(const Principal& by, long long pupil_id, long long contact_id,
                                 const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsViewContacts));
  auto contacts = store_.ListContacts(by.school_id, pupil_id);
  if (!contacts.ok()) return contacts.status();
  bool known = false;
  for (const auto& c : *contacts) known = known || c.id == contact_id;
  if (!known) return Status::NotFound("No such contact");
  auto family_id = store_.UnlinkContact(by.school_id, contact_id);
  if (!family_id.ok()) return family_id.status();
  if (*family_id) {
    auto children = store_.ListFamilyChildren(by.school_id, *family_id);
    if (!children.ok()) return children.status();
    if (children->empty()) ATTUNE_RETURN_IF_ERROR(store_.EndFamilySignIns(*family_id, "", Now()));
  }
  Audit(store_, &by, "family.access_stopped", "family", *family_id,
        "pupil " + std::to_string(pupil_id) + ", contact " + std::to_string(contact_id), ip);
  return Status::Ok();
}

Result<std::vector<FamilyAccount>> FamilyService::FamiliesOf(const Principal& by,
                                                             long long pupil_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsViewContacts));
  return store_.ListPupilFamilies(by.school_id, pupil_id);
}

Result<std::vector<FamilyChild>> FamilyService::Children(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(ParentOnly(by));
  return store_.ListFamilyChildren(by.school_id, by.family_id);
}

Result<FamilyChildPage> FamilyService::Child(const Principal& by, long long pupil_id,
                                             long long before_incident) {
  auto children = Children(by);
  if (!children.ok()) return children.status();
  FamilyChildPage page;
  bool found = false;
  for (const auto& c : *children) {
    if (c.pupil_id == pupil_id) {
      page.child = c;
      found = true;
    }
  }
  if (!found) return Status::NotFound("No such pupil");

  auto records = store_.ListFamilyRecords(by.school_id, by.family_id, pupil_id,
                                          static_cast<int>(kRecordsShown), before_incident);
  if (!records.ok()) return records.status();
  NameRecords(by.school_id, *records);
  page.records = std::move(*records);

  // The plans a family takes part in: those whose type names the parent
  // among its participants.
  auto plans = store_.ListPlans(by.school_id, pupil_id);
  if (!plans.ok()) return plans.status();
  auto in_force = policies_.InForce(by.school_id, LondonDate(Now()));
  for (const auto& p : *plans) {
    const policy::Plan* type = in_force.ok() ? in_force->policy->FindPlan(p.plan) : nullptr;
    if (!type || !policy::Plan::Lists(type->participants, "parent")) continue;
    FamilyPlan fp;
    fp.id = p.id;
    fp.name = type->name;
    fp.target = p.status == "active" ? p.target : "";
    fp.started_on = p.started_on;
    fp.ends_on = p.ends_on;
    fp.status = p.status;
    fp.next = NextDue(p);
    ATTUNE_RETURN_IF_ERROR(FillTargets(by.school_id, *type, p, fp));
    page.plans.push_back(std::move(fp));
  }
  auto contacts = store_.ListFamilyContactLog(by.school_id, by.family_id, pupil_id, kContactsShown);
  if (!contacts.ok()) return contacts.status();
  page.contacts = std::move(*contacts);
  auto views = ViewsOf(by, pupil_id);
  if (!views.ok()) return views.status();
  page.views = std::move(*views);
  return page;
}

Status FamilyService::FillTargets(long long school_id, const policy::Plan& type, const PupilPlan& p,
                                  FamilyPlan& out) {
  using nlohmann::json;
  json start = json::parse(p.fields, nullptr, false);
  for (const auto& s : type.sections) {
    if (s.stage != policy::PlanStage::kStart) continue;
    for (const auto& f : s.fields) {
      if (f.type != policy::FieldType::kTargets || !start.is_object() || !start.contains(f.id)) {
        continue;
      }
      for (const auto& t : start[f.id]) {
        if (t.is_object() && t.value("target", json()).is_string()) {
          out.agreed_targets.push_back(t["target"].get<std::string>());
        } else if (t.is_string()) {
          out.agreed_targets.push_back(t.get<std::string>());
        }
      }
    }
  }
  if (p.status != "active" || type.entries == policy::Plan::Entries::kNone) return Status::Ok();
  // This week: from Monday to today, London time.
  Date today = LondonDate(Now());
  date::weekday wd{date::sys_days(today)};
  Date monday{date::sys_days(today) - date::days((wd.c_encoding() + 6) % 7)};
  auto entries = store_.ListPlanEntries(school_id, p.id);
  if (!entries.ok()) return entries.status();
  for (const auto& e : *entries) {
    if (e.kind != "entry" || e.on < monday || e.on > today) continue;
    json fields = json::parse(e.fields, nullptr, false);
    for (const auto& s : type.sections) {
      for (const auto& f : s.fields) {
        if (f.shown_when_recording && fields.is_object() && fields.contains(f.id) &&
            fields[f.id].is_string()) {
          out.week_targets.emplace_back(e.on, fields[f.id].get<std::string>());
        }
      }
    }
  }
  return Status::Ok();
}

void FamilyService::NameRecords(long long school_id, std::vector<FamilyRecord>& records) {
  VersionCache versions;
  for (auto& r : records) {
    const policy::Policy* policy = PolicyOf(school_id, r.policy_version_id, versions);
    if (!policy) continue;
    if (const auto* c = policy->FindCategory(r.category)) r.category_name = c->name;
    if (const auto* w = policy->FindReward(r.reward)) r.reward_name = w->name;
  }
}

Result<FamilyRecord> FamilyService::Record(const Principal& by, long long incident_id) {
  auto children = Children(by);
  if (!children.ok()) return children.status();
  // Through each child's shared records, a page at a time: the same
  // question as their pages ask, so a record is found here exactly when a
  // page shows it.
  for (const auto& c : *children) {
    long long before = 0;
    for (;;) {
      auto records = store_.ListFamilyRecords(by.school_id, by.family_id, c.pupil_id,
                                              static_cast<int>(kRecordsShown), before);
      if (!records.ok()) return records.status();
      for (auto& r : *records) {
        if (r.incident_id != incident_id) continue;
        std::vector<FamilyRecord> one = {std::move(r)};
        NameRecords(by.school_id, one);
        return std::move(one.front());
      }
      if (records->size() < kRecordsShown) break;
      before = records->back().incident_id;
    }
  }
  return Status::NotFound("No such record");
}

Status FamilyService::Reply(const Principal& by, long long pupil_id, long long incident_id,
                            const std::string& raw, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(ParentOnly(by));
  auto words = TypedText(raw, kReplyMax, "words", "your message");
  if (!words.ok()) return words.status();
  if (words->empty()) return Status::Invalid("Write a few words first", "words");
  Status st =
      store_.AddFamilyReply(by.school_id, by.family_id, incident_id, pupil_id, *words, Now());
  if (st.code() == StatusCode::kConflict) {
    return Status::Conflict("You have already said thank you for this one");
  }
  ATTUNE_RETURN_IF_ERROR(st);
  Audit(store_, &by, "family.reply", "incident", incident_id, "", ip);
  return Status::Ok();
}

Result<FamilyAccount> FamilyService::Account(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(ParentOnly(by));
  return store_.GetFamilyAccount(by.school_id, by.family_id);
}

Status FamilyService::SetDigest(const Principal& by, bool weekly, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(ParentOnly(by));
  ATTUNE_RETURN_IF_ERROR(store_.SetFamilyDigest(by.school_id, by.family_id, weekly));
  Audit(store_, &by, "family.digest", "family", by.family_id, weekly ? "weekly" : "each note", ip);
  return Status::Ok();
}

bool FamilyService::MayReview(const Principal& by) {
  if (!Authorize(&by, Permission::kFamilyReview).ok()) return false;
  auto in_force = policies_.InForce(by.school_id, LondonDate(Now()));
  return in_force.ok() && in_force->policy->ReviewsForFamilies(RoleName(by.role));
}

Result<std::vector<FamilyReviewItem>> FamilyService::Reviews(const Principal& by) {
  // A role the policy does not name has nothing waiting for it.
  if (!MayReview(by)) return std::vector<FamilyReviewItem>();
  auto items = store_.ListFamilyReviews(by.school_id, kReviewLimit);
  if (!items.ok()) return items.status();
  VersionCache versions;
  for (auto& item : *items) {
    const policy::Policy* policy = PolicyOf(by.school_id, item.policy_version_id, versions);
    if (!policy) continue;
    if (const auto* c = policy->FindCategory(item.category)) item.category_name = c->name;
  }
  return items;
}

Status FamilyService::Decide(const Principal& by, long long incident_id, long long pupil_id,
                             bool share, const std::string& raw, const std::string& ip) {
  // For a role the policy does not name, nothing is waiting.
  if (!MayReview(by)) return Status::NotFound("No such record waiting to be checked");
  auto words = TypedText(raw, kWordsMax, "words", "the words for home");
  if (!words.ok()) return words.status();
  std::vector<NewMail> mails;
  if (share && outbox_) {
    auto pupil = store_.GetPupil(by.school_id, pupil_id);
    if (!pupil.ok()) return pupil.status();
    auto school = SchoolName(by.school_id);
    mails.push_back(
        MailFor(school.ok() ? *school : "school", pupil->ShownFirstName(), pupil_id, false, ""));
  }
  ATTUNE_RETURN_IF_ERROR(store_.DecideFamilyShare(by.school_id, incident_id, pupil_id, by.staff_id,
                                                  share, *words, mails, Now()));
  if (!mails.empty()) outbox_->Enqueued();
  Audit(store_, &by, share ? "family.shared" : "family.withheld", "incident", incident_id,
        "pupil " + std::to_string(pupil_id), ip);
  return Status::Ok();
}

NewMail FamilyService::MailFor(const std::string& school, const std::string& first_name,
                               long long pupil_id, bool positive, const std::string& words) const {
  NewMail m;
  m.family_pupil_id = pupil_id;
  m.with_record = true;
  m.message_domain = outbox_->settings().MessageDomain();
  std::string link = outbox_->settings().base_url + "/family/pupils/" + std::to_string(pupil_id);
  if (positive) {
    // A note home says what the child did well: that is what it is for.
    m.kind = "note_home";
    m.subject = "A note from " + school + " about " + first_name;
    m.body = (words.empty() ? first_name + " has a note from school." : words) +
             "\n\nRead it, and say thank you if you like:\n" + link + "\n\n" + school + "\n";
    // Waits out the recorder's moment to undo it.
    m.delay_seconds = static_cast<int>(IncidentService::kUndoWindow.count());
  } else {
    // Anything else says only that there is something to read.
    m.kind = "family_news";
    m.subject = "News from " + school + " about " + first_name;
    m.body = "There is something new from school about " + first_name + ". Sign in to read it:\n" +
             link + "\n\n" + school + "\n";
  }
  return m;
}

void FamilyService::SharesForRecord(const policy::Policy& policy, SendHome send_home,
                                    const std::string& school, NewIncident& n) const {
  const Incident& i = n.incident;
  if (i.restricted || i.safeguarding) return;
  // The significant-harm rule: nothing goes home automatically.
  if (i.physical && i.physical->parent_notice_would_harm) return;
  const policy::Category* category = policy.FindCategory(i.category);
  if (!category) return;
  policy::FamilyShare share = policy.FamilyShareOf(*category);
  if (share == policy::FamilyShare::kNever) return;
  bool positive = i.behaviour_class == "prosocial";
  if (positive) {
    bool home = send_home == SendHome::kYes ||
                (send_home == SendHome::kAsPolicySays && policy.SendsHomeByDefault(i.reward));
    if (!home) return;
  }
  bool at_once = share == policy::FamilyShare::kAtOnce;
  // A note about several children is one text, written about them all: it
  // may name the others, so only its recognition goes home, never its words.
  int involved = 0;
  for (const auto& p : i.pupils) involved += p.role == "involved";
  for (const auto& p : i.pupils) {
    if (p.role != "involved") continue;
    NewFamilyShare f;
    f.pupil_id = p.pupil_id;
    f.state = at_once ? FamilyShareState::kShared : FamilyShareState::kWaiting;
    // A positive note's own words go home; staff's notes on anything else
    // never do (a reviewer writes the words for home).
    f.words = positive && involved == 1 ? i.behaviour : "";
    f.send_home = positive;
    n.family_shares.push_back(f);
    if (at_once && outbox_) {
      std::string first = p.name.substr(0, p.name.find(' '));
      n.mails.push_back(MailFor(school, first, p.pupil_id, positive, f.words));
    }
  }
}

bool FamilyService::IsDigestTime(Timestamp now) {
  std::string day = FormatLondon(now, "%u %H:%M");  // "5 15:30"
  return day >= "5 15:30" && day < "6";
}

Result<int> FamilyService::SendDigests(Timestamp now) {
  if (!outbox_) return 0;
  auto families = store_.ListDigestFamilies(now - std::chrono::hours(24 * 6));
  if (!families.ok()) return families.status();
  int written = 0;
  std::map<long long, std::string> schools;
  for (const auto& f : *families) {
    auto records = store_.ListDigestRecords(f.school_id, f.id, now - std::chrono::hours(24 * 7));
    if (!records.ok()) return records.status();
    std::vector<NewMail> mails;
    if (!records->empty()) {
      auto& school = schools[f.school_id];
      if (school.empty()) {
        auto name = SchoolName(f.school_id);
        school = name.ok() ? *name : "school";
      }
      VersionCache versions;
      std::string body = "Dear " + f.name + ",\n\nThis week from " + school + ":\n";
      for (const auto& r : *records) {
        const policy::Policy* policy = PolicyOf(f.school_id, r.policy_version_id, versions);
        const std::string& first = r.reply;  // the child's first name (ListDigestRecords)
        std::string day = Trim(FormatLondon(r.occurred_at, "%A %e %B"));
        if (r.behaviour_class == "prosocial") {
          const policy::Reward* reward = policy ? policy->FindReward(r.reward) : nullptr;
          body += "\n- " + day + ", " + first + ": " +
                  (r.words.empty() ? (reward ? reward->name : std::string("a note from school"))
                                   : r.words);
        } else {
          body += "\n- " + day + ", " + first + ": something new to read";
        }
      }
      body += "\n\nRead them, and say thank you if you like:\n" + outbox_->settings().base_url +
              "/family\n\n" + school + "\n";
      NewMail m;
      m.kind = "family_digest";
      m.to = f.email;
      m.message_domain = outbox_->settings().MessageDomain();
      m.subject = "This week from " + school;
      m.body = body;
      mails.push_back(std::move(m));
    }
    Status st =
        store_.RecordDigest(f.school_id, f.id, mails, now - std::chrono::hours(24 * 6), now);
    if (st.code() == StatusCode::kConflict) continue;  // another process sent it
    ATTUNE_RETURN_IF_ERROR(st);
    written += static_cast<int>(mails.size());
  }
  if (written) outbox_->Enqueued();
  return written;
}

Result<std::vector<FamilyShareInfo>> FamilyService::SharesOf(const Principal& by,
                                                             long long incident_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kIncidentsView));
  return store_.ListIncidentShares(by.school_id, incident_id);
}

bool FamilyService::MayWithdraw(const Principal& by, const Incident& i) {
  if (!Authorize(&by, Permission::kFamilyReview).ok()) return false;
  return (by.staff_id && by.staff_id == i.recorded_by_staff_id) || MayReview(by);
}

Status FamilyService::Withdraw(const Principal& by, long long incident_id, long long pupil_id,
                               const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kFamilyReview));
  auto i = store_.GetIncident(by.school_id, incident_id);
  if (!i.ok()) return i.status();
  // A restricted record never reaches families: nothing to take back, and
  // nothing said of it here.
  if (i->restricted || i->safeguarding) return Status::NotFound("No such record");
  if (!MayWithdraw(by, *i)) {
    return Status::Forbidden(
        "Only the adult who recorded it, or whoever the policy names to check records for "
        "families, can take it back");
  }
  ATTUNE_RETURN_IF_ERROR(
      store_.WithdrawFamilyShare(by.school_id, incident_id, pupil_id, by.staff_id, Now()));
  Audit(store_, &by, "family.withdraw", "incident", incident_id, std::to_string(pupil_id), ip);
  return Status::Ok();
}

Result<std::vector<FamilyRecord>> FamilyService::Replies(const Principal& by,
                                                         long long incident_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kIncidentsView));
  return store_.ListFamilyReplies(by.school_id, incident_id);
}

}  // namespace attune
