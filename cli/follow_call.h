// --follow: one server stream (Triage.Follow*) printed as it arrives.
#ifndef CLI_FOLLOW_CALL_H_
#define CLI_FOLLOW_CALL_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "cli/cli_status.h"
#include "cli/command.h"
#include "cli/stop_signal.h"
#include "grpcpp/support/sync_stream.h"

namespace kapso::cli {

// The resume token a stream's final status carries (ErrorInfo metadata
// `resume_token`), or "".
std::string ResumeTokenOf(const grpc::Status& status);

// Runs the stream `start(context)` opens until the server ends it or a
// signal stops it. Each response with items is printed (json: one line per
// response, its items and resume_token; table: the items' rows); empty ones
// (the first, heartbeats) only advance the token. The last token goes to
// stderr ("resume token: ..."): pass it as --resume-token to continue.
// Stopped by Ctrl-C/SIGTERM: OK (exit 0); ended by the server: its error.
template <typename Response, typename Start, typename CountItems>
absl::Status FollowAndPrint(CommandEnv& env, const Start& start, const CountItems& count_items) {
  grpc::ClientContext context;  // no deadline: a tail runs until stopped
  StopSignal stop(&context);
  std::unique_ptr<grpc::ClientReader<Response>> reader = start(&context);
  Response response;
  std::string token;
  absl::Status printed;
  while (printed.ok() && reader->Read(&response)) {
    token = response.resume_token();
    if (count_items(response) > 0) printed = env.printer().Data(response);
  }
  if (!printed.ok()) context.TryCancel();
  grpc::Status status = reader->Finish();
  if (std::string ended = ResumeTokenOf(status); !ended.empty()) token = ended;
  if (!token.empty()) env.printer().Note("resume token: " + token + "\n");
  if (!printed.ok()) return printed;
  if (stop.stopped()) return absl::OkStatus();
  return FromGrpcStatus(status);
}

}  // namespace kapso::cli

#endif  // CLI_FOLLOW_CALL_H_
