#include "service/follow_reader.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/time/clock.h"

namespace kapso::service {
namespace {

// The state of one ReadSince: pages are read one after another (each needs
// the previous one's cursor), so only one callback touches it at a time.
struct Read {
  std::shared_ptr<const FollowSource> source;
  client::KapsoClient* client;
  FollowWatermark since;
  bool newest_only;
  ops::v1::Period period;
  client::RequestContext context;
  client::Done<FollowBatch> done;
  FollowBatch found;  // newest first, as read
  absl::flat_hash_set<std::string> ids;
};

// Oldest first, each id once (a list that shifts while paging may repeat).
FollowBatch Finish(FollowBatch found) {
  std::reverse(found.begin(), found.end());
  std::stable_sort(found.begin(), found.end(),
                   [](const FollowItem& a, const FollowItem& b) { return a.key < b.key; });
  return found;
}

// Takes the page's new items; true when the read is complete.
bool TakePage(Read& read, FollowPage& page) {
  if (read.newest_only) {
    for (FollowItem& item : page.items) {
      if (!read.found.empty() && item.key.time != read.found.front().key.time) break;
      read.found.push_back(std::move(item));
    }
    return true;
  }
  for (FollowItem& item : page.items) {
    if (read.since.Covers(item.key)) {
      // Older than the watermark's instant: everything after is older too.
      // At that instant, ids may come in any order: look on.
      if (item.key.time < read.since.time()) return true;
      continue;
    }
    if (read.ids.insert(item.key.id).second) read.found.push_back(std::move(item));
  }
  return page.next_cursor.empty();
}

void ReadNext(std::shared_ptr<Read> read, const std::string& cursor) {
  const FollowSource& source = *read->source;
  source.ReadPage(read->client, cursor, read->period, read->context,
                  [read](absl::StatusOr<FollowPage> page) mutable {
                    if (!page.ok()) return std::move(read->done)(page.status());
                    if (TakePage(*read, *page)) {
                      return std::move(read->done)(Finish(std::move(read->found)));
                    }
                    ReadNext(read, page->next_cursor);
                  });
}

}  // namespace

ops::v1::Period PeriodCovering(const FollowWatermark& since, absl::Time now) {
  // A margin for clock skew between kapso-ops and Kapso.
  absl::Duration age = now - since.time() + absl::Minutes(5);
  if (!since.is_set() || age > absl::Hours(24 * 7)) return ops::v1::PERIOD_30D;
  if (age > absl::Hours(24)) return ops::v1::PERIOD_7D;
  return ops::v1::PERIOD_24H;
}

void ReadSince(std::shared_ptr<const FollowSource> source, client::KapsoClient* client,
               const FollowWatermark& since, bool newest_only,
               const client::RequestContext& context, client::Done<FollowBatch> done) {
  auto read = std::make_shared<Read>();
  read->source = std::move(source);
  read->client = client;
  read->since = since;
  read->newest_only = newest_only;
  // Priming looks over the widest window, so "now" is the newest item
  // there is, not merely the newest of the last day.
  read->period = newest_only ? ops::v1::PERIOD_30D : PeriodCovering(since, absl::Now());
  read->context = context;
  read->done = std::move(done);
  ReadNext(std::move(read), "");
}

}  // namespace kapso::service
