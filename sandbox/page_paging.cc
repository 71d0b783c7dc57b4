#include "sandbox/page_paging.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/query_params.h"

namespace kapso::sandbox {
namespace {

constexpr int kMaxPerPage = 100;

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// The request's URL for another page, keeping its filters.
std::string PageUrl(const httplib::Request& req, int page, int per_page) {
  std::string url = absl::StrCat("http://", req.get_header_value("Host"), req.path, "?");
  for (const auto& [name, value] : req.params) {
    if (name == "page" || name == "per_page") continue;
    absl::StrAppend(&url, UrlEncode(name), "=", UrlEncode(value), "&");
  }
  absl::StrAppend(&url, "page=", page, "&per_page=", per_page);
  return url;
}

std::string LinkHeader(const httplib::Request& req, const PageRequest& page, int total_pages) {
  std::string link;
  auto add = [&](int target, const char* rel) {
    if (!link.empty()) link += ", ";
    absl::StrAppend(&link, "<", PageUrl(req, target, page.per_page), ">; rel=\"", rel, "\"");
  };
  if (page.page > 1) {
    add(1, "first");
    add(std::min(page.page - 1, std::max(total_pages, 1)), "prev");
  }
  if (page.page < total_pages) {
    add(page.page + 1, "next");
    add(total_pages, "last");
  }
  return link;
}

}  // namespace

absl::StatusOr<PageRequest> ParsePageRequest(const httplib::Request& req) {
  absl::StatusOr<std::optional<int>> page = IntParam(req, "page", 400);
  if (!page.ok()) return page.status();
  absl::StatusOr<std::optional<int>> per_page = IntParam(req, "per_page", 400);
  if (!per_page.ok()) return per_page.status();
  PageRequest out;
  out.page = page->value_or(1);
  out.per_page = std::min(per_page->value_or(20), kMaxPerPage);
  if (out.page < 1 || out.per_page < 1) {
    return ApiError(400, "page and per_page must be >= 1");
  }
  return out;
}

void WritePage(const httplib::Request& req, httplib::Response& res,
               const std::vector<nlohmann::json>& items, const PageRequest& page) {
  int total = static_cast<int>(items.size());
  int total_pages = (total + page.per_page - 1) / page.per_page;
  nlohmann::json data = nlohmann::json::array();
  int64_t begin = static_cast<int64_t>(page.page - 1) * page.per_page;
  for (int64_t i = begin; i < total && i < begin + page.per_page; ++i) {
    data.push_back(items[i]);
  }
  nlohmann::json meta = {{"page", page.page},
                         {"per_page", page.per_page},
                         {"total_pages", total_pages},
                         {"total_count", total}};
  res.set_header("X-Total", std::to_string(total));
  res.set_header("X-Total-Pages", std::to_string(total_pages));
  res.set_header("X-Per-Page", std::to_string(page.per_page));
  res.set_header("X-Page", std::to_string(page.page));
  std::string link = LinkHeader(req, page, total_pages);
  if (!link.empty()) res.set_header("Link", link);
  WriteJson(res, 200, {{"data", std::move(data)}, {"meta", std::move(meta)}});
}

}  // namespace kapso::sandbox
