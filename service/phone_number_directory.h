#ifndef SERVICE_PHONE_NUMBER_DIRECTORY_H_
#define SERVICE_PHONE_NUMBER_DIRECTORY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso/ops/v1/health.pb.h"
#include "kapso_client/kapso_client.h"

namespace kapso::service {

// The project's phone numbers, read from Kapso (every page of
// /whatsapp/phone_numbers) and kept per API key for `ttl`, to find a number
// as people write it. Kapso has no filter by display number, and operators
// resolve numbers in bursts (one per command), so a short-lived copy saves
// Kapso the same pages again and again. Thread-safe.
class PhoneNumberDirectory {
 public:
  explicit PhoneNumberDirectory(client::KapsoClient* client, absl::Duration ttl = absl::Seconds(30))
      : client_(client), ttl_(ttl) {}

  // The number whose display form has the digits of `written`: NOT_FOUND
  // (PHONE_NUMBER_NOT_FOUND) when none, FAILED_PRECONDITION
  // (PHONE_NUMBER_AMBIGUOUS, listing the ids) when several.
  void Resolve(const client::RequestContext& context, const std::string& written,
               client::Done<ops::v1::PhoneNumber> done);

  using Numbers = std::shared_ptr<const std::vector<ops::v1::PhoneNumber>>;

 private:
  struct Entry {
    absl::Time fetched;
    Numbers numbers;
  };

  // The numbers of the key in `context`, cached or read from Kapso.
  void Load(const client::RequestContext& context, client::Done<Numbers> done);
  Numbers Cached(const std::string& key) ABSL_LOCKS_EXCLUDED(mu_);
  void Keep(const std::string& key, Numbers numbers) ABSL_LOCKS_EXCLUDED(mu_);

  static constexpr size_t kMaxKeys = 1024;

  client::KapsoClient* const client_;
  const absl::Duration ttl_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

// `numbers` whose display form has the digits `digits`.
std::vector<ops::v1::PhoneNumber> MatchPhoneNumber(const std::vector<ops::v1::PhoneNumber>& numbers,
                                                   const std::string& digits);

}  // namespace kapso::service

#endif  // SERVICE_PHONE_NUMBER_DIRECTORY_H_
