#ifndef SERVICE_TRIAGE_EVIDENCE_H_
#define SERVICE_TRIAGE_EVIDENCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "kapso/ops/v1/triage.pb.h"
#include "service/grpc_status.h"

namespace kapso::service {

// Gathers the evidence of one finding: a count, the first few ids (items
// arrive newest first, so those are the newest) and the time span.
class EvidenceBuilder {
 public:
  // Most ids a finding carries: enough to open a few, bounded so a burst of
  // thousands of failures keeps the report small.
  static constexpr int kMaxIds = 5;

  // One item; `at` is absl::InfinitePast() when its time is unknown.
  void Add(const std::string& id, absl::Time at);
  int64_t count() const { return count_; }
  absl::Time first() const { return first_; }
  absl::Time last() const { return last_; }
  // count, ids, first_seen and last_seen into `out`.
  void Fill(ops::v1::TriageEvidence& out) const;

 private:
  int64_t count_ = 0;
  std::vector<std::string> ids_;
  absl::Time first_ = absl::InfiniteFuture();
  absl::Time last_ = absl::InfinitePast();
};

// A Timestamp as a time; unset (zero) is absl::InfinitePast().
absl::Time TimeOf(const google::protobuf::Timestamp& timestamp);

// "2026-11-30T18:00:00Z", or "unknown" for an infinite time.
std::string TimeText(absl::Time time);

// "1 failed message", "2 failed messages": `count` and `noun`, with an "s"
// unless it is 1.
std::string Counted(int64_t count, const std::string& noun);

// The finding for a source that could not be read: code "source:<source>",
// entity the source, or `about` (e.g. the number whose health failed).
ops::v1::Finding SourceErrorFinding(const std::string& source, const absl::Status& status,
                                    const SecretRedactor& redactor, const std::string& about = "");

// Sorts most urgent first: severity, then count, then category, code and
// entity id, so the same data always gives the same order.
void RankFindings(std::vector<ops::v1::Finding>& findings);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_EVIDENCE_H_
