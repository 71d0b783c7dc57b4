// Helpers that make RPCs for command handlers: stub creation, one call and
// print, and page following for --all.
#ifndef CLI_RPC_CALL_H_
#define CLI_RPC_CALL_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/cli_status.h"
#include "cli/command.h"
#include "grpcpp/support/status.h"

namespace kapso::cli {

// A stub of `Service` on the env's channel.
template <typename Service>
absl::StatusOr<std::unique_ptr<typename Service::Stub>> NewStub(CommandEnv& env) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = env.Channel();
  if (!channel.ok()) return AsUsageError(channel.status());
  return Service::NewStub(*channel);
}

// Makes one call, `call(context, &response)`, and prints the response.
template <typename Response, typename Call>
absl::Status CallAndPrint(CommandEnv& env, const Call& call) {
  Response response;
  std::unique_ptr<grpc::ClientContext> context = env.NewContext();
  if (grpc::Status s = call(context.get(), &response); !s.ok()) {
    return FromGrpcStatus(s);
  }
  return env.printer().Data(response);
}

// Guards against a server that never stops handing out tokens.
inline constexpr int kMaxPages = 10000;

// `call(request, &page)` makes one RPC. On success `merged` holds every
// item read; with `all` its next_page_token is cleared.
template <typename Request, typename Response, typename Call>
absl::Status FetchPages(Request request, bool all, const Call& call, Response* merged) {
  for (int pages = 0; pages < kMaxPages; ++pages) {
    Response page;
    if (grpc::Status s = call(request, &page); !s.ok()) {
      return FromGrpcStatus(s);
    }
    merged->MergeFrom(page);
    if (!all) return absl::OkStatus();
    if (page.next_page_token().empty()) {
      merged->clear_next_page_token();
      return absl::OkStatus();
    }
    if (page.next_page_token() == request.page_token()) {
      return absl::InternalError("server returned the same page token twice");
    }
    request.set_page_token(page.next_page_token());
  }
  return absl::InternalError("--all: too many pages");
}

// The list commands' one shape: calls `method` of `stub` for one page, or
// for every page with `all`, and prints the merged pages.
template <typename Stub, typename Request, typename Response>
absl::Status ListAndPrint(CommandEnv& env, Stub& stub, Request request, bool all,
                          grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                       Response*)) {
  Response response;
  absl::Status s = FetchPages(
      std::move(request), all,
      [&](const Request& r, Response* page) {
        return (stub.*method)(env.NewContext().get(), r, page);
      },
      &response);
  return s.ok() ? env.printer().Data(response) : s;
}

}  // namespace kapso::cli

#endif  // CLI_RPC_CALL_H_
