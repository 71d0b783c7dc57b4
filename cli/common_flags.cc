#include "cli/common_flags.h"

namespace kapso::cli {

FlagSpec PeriodFlag() {
  return EnumFlag("period", {"24h", "7d", "30d"}, "look-back window (default 24h)");
}

FlagSpec PerPageFlag() { return IntFlag("per-page", 1, 100, "items per page, 1-100 (default 20)"); }

FlagSpec PageTokenFlag() {
  return StringFlag("page-token", "TOKEN", "next_page_token of a previous call");
}

FlagSpec AllFlag() { return BoolFlag("all", "follow page tokens to the end"); }

kapso::ops::v1::Period PeriodOf(const ParsedFlags& flags) {
  const std::string period = flags.GetString("period");
  if (period == "24h") return kapso::ops::v1::PERIOD_24H;
  if (period == "7d") return kapso::ops::v1::PERIOD_7D;
  if (period == "30d") return kapso::ops::v1::PERIOD_30D;
  return kapso::ops::v1::PERIOD_UNSPECIFIED;
}

}  // namespace kapso::cli
