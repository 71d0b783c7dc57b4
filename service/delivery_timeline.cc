#include "service/delivery_timeline.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/strings/numbers.h"
#include "google/protobuf/util/time_util.h"

namespace kapso::service {
namespace {

int StepRank(const std::string& status) {
  if (status == "sent") return 0;
  if (status == "delivered") return 1;
  if (status == "read") return 2;
  if (status == "failed") return 3;
  return 4;
}

struct Step {
  int64_t seconds;
  int rank;
  const ops::v1::MetaStatusEvent* event;
};

}  // namespace

void AddDeliveryTimeline(ops::v1::Message& message) {
  std::vector<Step> steps;
  for (const auto& event : message.kapso().statuses()) {
    // Meta's unix seconds as a string; one that is unreadable or outside
    // what a Timestamp can hold (0001-9999) sorts last, without a time.
    int64_t seconds = 0;
    if (!absl::SimpleAtoi(event.timestamp(), &seconds) ||
        seconds < google::protobuf::util::TimeUtil::kTimestampMinSeconds ||
        seconds > google::protobuf::util::TimeUtil::kTimestampMaxSeconds) {
      seconds = std::numeric_limits<int64_t>::max();
    }
    steps.push_back({seconds, StepRank(event.status()), &event});
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.rank < b.rank;
  });
  message.clear_delivery_timeline();
  for (const Step& step : steps) {
    ops::v1::DeliveryEvent* out = message.add_delivery_timeline();
    out->set_status(step.event->status());
    if (step.seconds != std::numeric_limits<int64_t>::max()) {
      out->mutable_time()->set_seconds(step.seconds);
    }
    *out->mutable_errors() = step.event->errors();
  }
}

}  // namespace kapso::service
