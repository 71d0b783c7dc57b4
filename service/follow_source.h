#ifndef SERVICE_FOLLOW_SOURCE_H_
#define SERVICE_FOLLOW_SOURCE_H_

#include <memory>
#include <string>
#include <utility>

#include "kapso/ops/v1/triage.pb.h"
#include "kapso_client/kapso_client.h"
#include "kapso_client/page_request.h"
#include "service/follow_item.h"

namespace kapso::service {

// One of Kapso's lists a follow stream tails, read a page at a time.
class FollowSource {
 public:
  virtual ~FollowSource() = default;

  // The page at `cursor` ("" : the newest), newest first, over `period`
  // (ignored by lists Kapso does not scope by time).
  virtual void ReadPage(client::KapsoClient* client, const std::string& cursor,
                        ops::v1::Period period, const client::RequestContext& context,
                        client::Done<FollowPage> done) const = 0;
};

// A FollowSource over a cursor-paged list: the list RPC's request (the
// follow request's filters), how to build Kapso's request from it, and
// where an item sits in the order (its created_at and id).
template <typename Envelope, typename ListRequest, typename Item>
class ListFollowSource final : public FollowSource {
 public:
  using Build = absl::StatusOr<client::HttpRequest> (*)(const ListRequest&,
                                                        const client::PageRequest&);
  using KeyOf = FollowItemKey (*)(const Item&);
  using WithPeriod = void (*)(ListRequest&, ops::v1::Period);

  ListFollowSource(ListRequest filters, Build build, KeyOf key_of, WithPeriod with_period)
      : filters_(std::move(filters)), build_(build), key_of_(key_of), with_period_(with_period) {}

  void ReadPage(client::KapsoClient* client, const std::string& cursor, ops::v1::Period period,
                const client::RequestContext& context,
                client::Done<FollowPage> done) const override {
    ListRequest request = filters_;
    with_period_(request, period);
    client::PageRequest page{kPageSize, 1, cursor};
    client->template Fetch<Envelope>(
        build_(request, page), context,
        [key_of = key_of_, done = std::move(done)](absl::StatusOr<Envelope> list) mutable {
          if (!list.ok()) return std::move(done)(list.status());
          FollowPage out;
          out.next_cursor = list->paging().next();
          for (Item& item : *list->mutable_data()) {
            FollowItemKey key = key_of(item);
            out.items.push_back({std::move(key), std::make_shared<Item>(std::move(item))});
          }
          std::move(done)(std::move(out));
        });
  }

 private:
  // Kapso's largest page: the fewest requests per poll.
  static constexpr int kPageSize = 100;

  const ListRequest filters_;
  const Build build_;
  const KeyOf key_of_;
  const WithPeriod with_period_;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_SOURCE_H_
