#ifndef KAPSO_CLIENT_PAGE_REQUEST_H_
#define KAPSO_CLIENT_PAGE_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>

#include "kapso/internal/wire/paging.pb.h"

namespace kapso::client {

namespace wire = ::kapso::internal::wire;

// Where in an upstream list to read: Kapso's page-based lists (webhooks,
// phone numbers) take `page`, its cursor lists take `cursor` ("" for the
// first page).
struct PageRequest {
  int32_t page_size = 20;
  int32_t page = 1;
  std::string cursor;
};

// The page after `current` of a page-numbered list whose answer carried
// `meta` and `items_read` items, or none on the last page. An empty page
// ends the list too, so a total_pages that never shrinks cannot make a
// reader walk forever.
std::optional<PageRequest> NextPage(const PageRequest& current, const wire::PageMeta& meta,
                                    int items_read);

// The page after `current` of a cursor list whose answer carried `paging`,
// or none when Kapso gave no next cursor.
std::optional<PageRequest> NextPage(const PageRequest& current, const wire::Paging& paging);

// Moves a cursor envelope's `data` into `items` and answers the next page.
template <typename Envelope, typename Items>
std::optional<PageRequest> TakeCursorPage(const PageRequest& current, Envelope& list,
                                          Items* items) {
  items->Swap(list.mutable_data());
  return NextPage(current, list.paging());
}

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_PAGE_REQUEST_H_
