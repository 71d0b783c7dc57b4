#ifndef SERVICE_ITEM_COUNTER_H_
#define SERVICE_ITEM_COUNTER_H_

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "kapso/ops/v1/common.pb.h"
#include "kapso_client/kapso_client.h"
#include "kapso_client/page_request.h"
#include "kapso_client/status_details.h"
#include "service/grpc_status.h"

namespace kapso::service {

// Counts the items of a cursor-paged Kapso list by reading it page by page
// (Kapso's cursor lists report no totals), stopping at `limit` items. The
// Count is exact when the list ended first, a lower bound otherwise, and
// carries the error if a page failed. Pages are read one after another
// (each needs the previous cursor); several counters run concurrently.
template <typename Envelope>
class ItemCounter : public std::enable_shared_from_this<ItemCounter<Envelope>> {
 public:
  using Build = std::function<absl::StatusOr<client::HttpRequest>(const client::PageRequest&)>;

  static void Count(client::KapsoClient* client, client::RequestContext context,
                    const SecretRedactor* redactor, int64_t limit, Build build,
                    absl::AnyInvocable<void(ops::v1::Count) &&> done) {
    auto counter = std::shared_ptr<ItemCounter>(new ItemCounter(
        client, std::move(context), redactor, limit, std::move(build), std::move(done)));
    counter->ReadPage("");
  }

 private:
  ItemCounter(client::KapsoClient* client, client::RequestContext context,
              const SecretRedactor* redactor, int64_t limit, Build build,
              absl::AnyInvocable<void(ops::v1::Count) &&> done)
      : client_(client),
        context_(std::move(context)),
        redactor_(redactor),
        limit_(limit),
        build_(std::move(build)),
        done_(std::move(done)) {}

  void ReadPage(const std::string& cursor) {
    cursor_ = cursor;
    client::PageRequest page;
    // Kapso's largest page (fewest round trips), but no more than the bound.
    page.page_size = static_cast<int32_t>(std::clamp<int64_t>(limit_ - counted_, 1, 100));
    page.cursor = cursor;
    client_->Fetch<Envelope>(build_(page), context_,
                             [self = this->shared_from_this()](absl::StatusOr<Envelope> list) {
                               self->OnPage(std::move(list));
                             });
  }

  void OnPage(absl::StatusOr<Envelope> list) {
    if (!list.ok() && client::ErrorReason(list.status()) == "UPSTREAM_CALL_LIMIT") {
      return Done(/*exact=*/false);  // what was counted stands, as a lower bound
    }
    if (!list.ok()) return Fail(list.status());
    counted_ += list->data_size();
    const std::string& next = list->paging().next();
    if (!next.empty() && next == cursor_) {
      return Fail(
          client::MakeError(absl::StatusCode::kInternal,
                            "Kapso's page cursor did not advance (the same cursor came back twice)",
                            "KAPSO_BAD_RESPONSE"));
    }
    if (!next.empty() && counted_ < limit_) return ReadPage(next);
    Done(/*exact=*/next.empty());
  }

  void Done(bool exact) {
    ops::v1::Count count;
    count.set_value(counted_);
    count.set_exact(exact);
    std::move(done_)(std::move(count));
  }

  void Fail(const absl::Status& status) {
    ops::v1::Count count;
    *count.mutable_error() = ToRpcStatus(status, *redactor_);
    std::move(done_)(std::move(count));
  }

  client::KapsoClient* client_;
  const client::RequestContext context_;
  const SecretRedactor* redactor_;
  const int64_t limit_;
  const Build build_;
  absl::AnyInvocable<void(ops::v1::Count) &&> done_;
  // Touched by one page callback at a time.
  int64_t counted_ = 0;
  std::string cursor_;  // of the page being read
};

}  // namespace kapso::service

#endif  // SERVICE_ITEM_COUNTER_H_
