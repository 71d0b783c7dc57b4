#ifndef SERVICE_FOLLOW_READER_H_
#define SERVICE_FOLLOW_READER_H_

#include <memory>

#include "kapso_client/kapso_client.h"
#include "service/follow_item.h"
#include "service/follow_source.h"
#include "service/follow_watermark.h"

namespace kapso::service {

// Reads every item of `source` newer than `since`: Kapso lists newest
// first and has no "since" filter, so pages are read from the newest until
// one reaches an item `since` covers (usually the first page: one request
// per poll) or the list ends. `done` gets the new items oldest first, each
// once. The context's call budget bounds the pages read (beyond it:
// RESOURCE_EXHAUSTED, UPSTREAM_CALL_LIMIT). With `newest_only`, reads one
// page and returns its newest instant's items (priming a poller: "now").
void ReadSince(std::shared_ptr<const FollowSource> source, client::KapsoClient* client,
               const FollowWatermark& since, bool newest_only,
               const client::RequestContext& context, client::Done<FollowBatch> done);

// The period (Kapso's 24h, 7d, 30d window) that still holds items newer
// than `since`: the cheapest list that misses nothing within retention.
ops::v1::Period PeriodCovering(const FollowWatermark& since, absl::Time now);

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_READER_H_
