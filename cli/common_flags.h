// Flags and values several command groups share (--period, paging).
#ifndef CLI_COMMON_FLAGS_H_
#define CLI_COMMON_FLAGS_H_

#include "cli/flag_parser.h"
#include "kapso/ops/v1/common.pb.h"

namespace kapso::cli {

FlagSpec PeriodFlag();     // --period 24h|7d|30d
FlagSpec PerPageFlag();    // --per-page N (1-100), the request's page_size
FlagSpec PageTokenFlag();  // --page-token T
FlagSpec AllFlag();        // --all: follow page tokens to the end

// The Period of --period; UNSPECIFIED (Kapso's 24 h) when absent.
kapso::ops::v1::Period PeriodOf(const ParsedFlags& flags);

}  // namespace kapso::cli

#endif  // CLI_COMMON_FLAGS_H_
