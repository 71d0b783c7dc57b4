// Kapso's page-based paging (webhooks, phone numbers): `page` (default 1) and
// `per_page` (default 20); the answer is {"data": [...], "meta": {page,
// per_page, total_pages, total_count}} plus the X-Total, X-Total-Pages,
// X-Per-Page, X-Page and Link headers.
#ifndef SANDBOX_PAGE_PAGING_H_
#define SANDBOX_PAGE_PAGING_H_

#include <vector>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace kapso::sandbox {

struct PageRequest {
  int page = 1;
  int per_page = 20;
};

// Reads page/per_page; non-integers and values below 1 are 400. per_page is
// clamped to 100, as Kapso does.
absl::StatusOr<PageRequest> ParsePageRequest(const httplib::Request& req);

// Answers 200 with the requested page of `items`.
void WritePage(const httplib::Request& req, httplib::Response& res,
               const std::vector<nlohmann::json>& items, const PageRequest& page);

}  // namespace kapso::sandbox

#endif  // SANDBOX_PAGE_PAGING_H_
