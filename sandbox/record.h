// One read-only resource of a cursor-paged collection (message, conversation,
// API log, webhook delivery).
#ifndef SANDBOX_RECORD_H_
#define SANDBOX_RECORD_H_

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/time/time.h"

namespace kapso::sandbox {

struct Record {
  std::string id;
  absl::Time sort_time;  // the column cursors page on (newest first)
  nlohmann::json json;
  std::string serialized;  // json.dump() once, so lists only concatenate
};

inline Record MakeRecord(std::string id, absl::Time sort_time, nlohmann::json json) {
  std::string serialized = json.dump();
  return Record{std::move(id), sort_time, std::move(json), std::move(serialized)};
}

// The record with `id`, or null.
inline const Record* FindRecord(const std::vector<Record>& records, const std::string& id) {
  for (const Record& record : records) {
    if (record.id == id) return &record;
  }
  return nullptr;
}

}  // namespace kapso::sandbox

#endif  // SANDBOX_RECORD_H_
