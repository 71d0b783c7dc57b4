#include "kapso_client/page_request.h"

namespace kapso::client {

std::optional<PageRequest> NextPage(const PageRequest& current, const wire::PageMeta& meta,
                                    int items_read) {
  if (current.page >= meta.total_pages() || items_read == 0) return std::nullopt;
  PageRequest next = current;
  next.page = current.page + 1;
  return next;
}

std::optional<PageRequest> NextPage(const PageRequest& current, const wire::Paging& paging) {
  if (paging.next().empty()) return std::nullopt;
  PageRequest next = current;
  next.cursor = paging.next();
  return next;
}

}  // namespace kapso::client
