#include "cli/webhook_commands.h"

#include "cli/common_flags.h"
#include "cli/rpc_call.h"
#include "cli/signature_verifier.h"
#include "cli/webhook_requests.h"
#include "kapso/ops/v1/webhooks.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;
using Stub = v1::Webhooks::Stub;

FlagSpec PhoneNumberIdFlag() {
  return StringFlag("phone-number-id", "ID", "the phone number (required unless --scope project)");
}
FlagSpec WebhookIdFlag() { return Required(StringFlag("webhook-id", "ID", "the webhook")); }
FlagSpec ScopeFlag() {
  return EnumFlag("scope", {"config", "project"}, "phone number (config) or project webhooks");
}

// Number webhooks need the number; project webhooks do not.
absl::Status CheckPhoneNumberId(const ParsedFlags& flags) {
  if (flags.Has("phone-number-id") || flags.GetString("scope") == "project") {
    return absl::OkStatus();
  }
  return UsageError(
      "--phone-number-id: required flag is missing "
      "(unless --scope project)",
      "phone-number-id");
}

absl::Status RunList(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckPhoneNumberId(flags); !s.ok()) return s;
  absl::StatusOr<v1::ListWebhooksRequest> request = BuildListWebhooks(flags);
  if (!request.ok()) return request.status();
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return ListAndPrint(env, **stub, *std::move(request), flags.GetBool("all"),
                      &v1::Webhooks::Stub::ListWebhooks);
}

absl::Status RunGet(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckPhoneNumberId(flags); !s.ok()) return s;
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return CallAndPrint<v1::Webhook>(env, [&](auto* context, auto* response) {
    return (*stub)->GetWebhook(context, BuildGetWebhook(flags), response);
  });
}

absl::Status RunCreate(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckPhoneNumberId(flags); !s.ok()) return s;
  if (!flags.Has("events") && flags.GetString("kind") != "meta") {
    return UsageError("--events: required flag is missing (unless --kind meta)", "events");
  }
  absl::StatusOr<v1::CreateWebhookRequest> request = BuildCreateWebhook(flags);
  if (!request.ok()) return request.status();
  // Without --secret-key the server generates the signing secret Kapso
  // requires; the response shows it.
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return CallAndPrint<v1::Webhook>(env, [&](auto* context, auto* response) {
    return (*stub)->CreateWebhook(context, *request, response);
  });
}

absl::Status RunUpdate(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckPhoneNumberId(flags); !s.ok()) return s;
  absl::StatusOr<v1::UpdateWebhookRequest> request = BuildUpdateWebhook(flags);
  if (!request.ok()) return request.status();
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return CallAndPrint<v1::Webhook>(env, [&](auto* context, auto* response) {
    return (*stub)->UpdateWebhook(context, *request, response);
  });
}

absl::Status RunDelete(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckPhoneNumberId(flags); !s.ok()) return s;
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return CallAndPrint<google::protobuf::Empty>(env, [&](auto* context, auto* response) {
    return (*stub)->DeleteWebhook(context, BuildDeleteWebhook(flags), response);
  });
}

absl::Status RunTest(const ParsedFlags& flags, CommandEnv& env) {
  auto stub = NewStub<v1::Webhooks>(env);
  if (!stub.ok()) return stub.status();
  return CallAndPrint<v1::TestWebhookResponse>(env, [&](auto* context, auto* response) {
    return (*stub)->TestWebhook(context, BuildTestWebhook(flags), response);
  });
}

std::vector<FlagSpec> WithIds(bool webhook_id, std::vector<FlagSpec> rest) {
  std::vector<FlagSpec> flags = {PhoneNumberIdFlag()};
  if (webhook_id) flags.push_back(WebhookIdFlag());
  flags.insert(flags.end(), rest.begin(), rest.end());
  return flags;
}

}  // namespace

std::vector<Command> WebhookCommands() {
  std::vector<FlagSpec> create_flags = WebhookFieldFlags();
  create_flags[0] = Required(create_flags[0]);  // --url
  return {
      {"webhooks", "list", "List a phone number's (or the project's) webhooks",
       WithIds(false, {ScopeFlag(), EnumFlag("kind", {"kapso", "meta"}, "only this kind"),
                       StringFlag("url-contains", "TEXT",
                                  "only URLs containing TEXT (number "
                                  "webhooks)"),
                       BoolFlag("active", "only active (true) or paused (false) webhooks"),
                       StringFlag("created-after", "RFC3339", "only webhooks created after"),
                       StringFlag("created-before", "RFC3339", "only webhooks created before"),
                       PageTokenFlag(), PerPageFlag(), AllFlag()}),
       RunList},
      {"webhooks", "get", "Show one webhook", WithIds(true, {ScopeFlag()}), RunGet},
      {"webhooks", "create", "Create a webhook", WithIds(false, create_flags), RunCreate,
       "--events is required unless --kind meta. Without --secret-key a random\n"
       "secret is generated; the response shows it."},
      {"webhooks", "update", "Change the given fields of a webhook (and only those)",
       WithIds(true, WebhookUpdateFlags()), RunUpdate,
       "A webhook's kind cannot change: create a new webhook instead."},
      {"webhooks", "delete", "Delete a webhook", WithIds(true, {ScopeFlag()}), RunDelete},
      {"webhooks",
       "test",
       "Ask Kapso to deliver a test event",
       {WebhookIdFlag(),
        StringFlag("event-type", "TYPE", "event to simulate, e.g. whatsapp.message.received")},
       RunTest},
  };
}

}  // namespace kapso::cli
