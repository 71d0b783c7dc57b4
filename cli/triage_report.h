// The readable form of a triage report (`triage --output table`).
#ifndef CLI_TRIAGE_REPORT_H_
#define CLI_TRIAGE_REPORT_H_

#include <string>

#include "kapso/ops/v1/triage.pb.h"

namespace kapso::cli {

// A headline (scope, window, findings per severity), the findings in the
// server's rank as one numbered table (severity, what, finding, entity,
// count, since), what to do for each by number, and how each source was
// read. Long cells are cut with "..." so a row fits a terminal line.
std::string RenderTriageReport(const kapso::ops::v1::TriageReport& report);

}  // namespace kapso::cli

#endif  // CLI_TRIAGE_REPORT_H_
