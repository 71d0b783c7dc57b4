#include "service/phone_number_directory.h"

#include <optional>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "kapso_client/phone_numbers.h"
#include "kapso_client/status_details.h"
#include "service/phone_number_digits.h"

namespace kapso::service {
namespace {

namespace wire = kapso::internal::wire;

// Reads /whatsapp/phone_numbers page after page (100 a page) into one list.
class NumberPages : public std::enable_shared_from_this<NumberPages> {
 public:
  NumberPages(client::KapsoClient* client, client::RequestContext context,
              client::Done<PhoneNumberDirectory::Numbers> done)
      : client_(client), context_(std::move(context)), done_(std::move(done)) {}

  void Read(const client::PageRequest& page) {
    client_->Fetch<wire::PhoneNumberList>(
        client::BuildListPhoneNumbers(page), context_,
        [self = shared_from_this(), page](absl::StatusOr<wire::PhoneNumberList> list) {
          self->OnPage(page, std::move(list));
        });
  }

 private:
  void OnPage(const client::PageRequest& page, absl::StatusOr<wire::PhoneNumberList> list) {
    if (!list.ok()) return std::move(done_)(list.status());
    // The page count Kapso states bounds the loop; the RPC's call budget
    // bounds it again should Kapso state nonsense.
    std::optional<client::PageRequest> next = client::NextPhoneNumberPage(page, *list);
    for (auto& number : *list->mutable_data()) numbers_.push_back(std::move(number));
    if (next.has_value()) return Read(*next);
    std::move(done_)(
        std::make_shared<const std::vector<ops::v1::PhoneNumber>>(std::move(numbers_)));
  }

  client::KapsoClient* const client_;
  const client::RequestContext context_;
  client::Done<PhoneNumberDirectory::Numbers> done_;
  std::vector<ops::v1::PhoneNumber> numbers_;
};

absl::Status NoMatch(const std::string& written, const std::string& digits) {
  return client::MakeError(
      absl::StatusCode::kNotFound,
      absl::StrCat("no phone number of this project is ", written, " (", digits, ")"),
      "PHONE_NUMBER_NOT_FOUND", {{"phone_number", digits}});
}

absl::Status SeveralMatches(const std::string& digits,
                            const std::vector<ops::v1::PhoneNumber>& matches) {
  std::vector<std::string> ids;
  for (const auto& number : matches) {
    ids.push_back(absl::StrCat(number.phone_number_id(), " (", number.name(), ")"));
  }
  return client::MakeError(
      absl::StatusCode::kFailedPrecondition,
      absl::StrCat("several phone numbers of this project are ", digits, ": ",
                   absl::StrJoin(ids, ", "), "; name one by --phone-number-id"),
      "PHONE_NUMBER_AMBIGUOUS",
      {{"phone_number", digits}, {"phone_number_ids", absl::StrJoin(ids, ",")}});
}

}  // namespace

std::vector<ops::v1::PhoneNumber> MatchPhoneNumber(const std::vector<ops::v1::PhoneNumber>& numbers,
                                                   const std::string& digits) {
  std::vector<ops::v1::PhoneNumber> matches;
  for (const auto& number : numbers) {
    absl::StatusOr<std::string> shown = PhoneNumberDigits(number.display_phone_number());
    if (shown.ok() && *shown == digits) matches.push_back(number);
  }
  return matches;
}

void PhoneNumberDirectory::Resolve(const client::RequestContext& context,
                                   const std::string& written,
                                   client::Done<ops::v1::PhoneNumber> done) {
  absl::StatusOr<std::string> digits = PhoneNumberDigits(written);
  if (!digits.ok()) return std::move(done)(digits.status());
  Load(context, [written, digits = *digits,
                 done = std::move(done)](absl::StatusOr<Numbers> numbers) mutable {
    if (!numbers.ok()) return std::move(done)(numbers.status());
    std::vector<ops::v1::PhoneNumber> matches = MatchPhoneNumber(**numbers, digits);
    if (matches.empty()) return std::move(done)(NoMatch(written, digits));
    if (matches.size() > 1) return std::move(done)(SeveralMatches(digits, matches));
    std::move(done)(std::move(matches.front()));
  });
}

void PhoneNumberDirectory::Load(const client::RequestContext& context, client::Done<Numbers> done) {
  // Keyed by a hash: the directory never holds a caller's key itself.
  std::string key = absl::StrCat(absl::HashOf(context.api_key));
  if (Numbers cached = Cached(key)) return std::move(done)(std::move(cached));
  auto pages = std::make_shared<NumberPages>(
      client_, context,
      [this, key, done = std::move(done)](absl::StatusOr<Numbers> numbers) mutable {
        if (numbers.ok()) Keep(key, *numbers);
        std::move(done)(std::move(numbers));
      });
  client::PageRequest first;
  first.page_size = 100;  // Kapso's largest page: fewest round trips
  pages->Read(first);
}

PhoneNumberDirectory::Numbers PhoneNumberDirectory::Cached(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || absl::Now() - it->second.fetched >= ttl_) return nullptr;
  return it->second.numbers;
}

void PhoneNumberDirectory::Keep(const std::string& key, Numbers numbers) {
  absl::Time now = absl::Now();
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= kMaxKeys) {
    absl::erase_if(entries_, [&](const auto& entry) { return now - entry.second.fetched >= ttl_; });
  }
  if (entries_.size() >= kMaxKeys) entries_.clear();  // many keys at once: start over
  entries_[key] = Entry{now, std::move(numbers)};
}

}  // namespace kapso::service
