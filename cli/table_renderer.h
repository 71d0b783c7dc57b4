// Renders responses for people (`--output table`): lists as aligned columns,
// single resources as "field: value" lines.
#ifndef CLI_TABLE_RENDERER_H_
#define CLI_TABLE_RENDERER_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace kapso::cli {

// Set fields of `message` in declaration order: scalars as "name: value",
// repeated messages as a titled table whose columns depend on the element
// type, other messages as indented sections.
std::string RenderTable(const google::protobuf::Message& message);

// Rows (the first is the header) as left-aligned columns two spaces apart,
// each line prefixed with `indent`.
std::string FormatColumns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent = "");

// One field of `message` as cell text; `path` may reach into sub-messages
// ("kapso.status"). Repeated values are joined with commas; timestamps and
// other well-known types appear as in JSON; "" when unset.
std::string FieldText(const google::protobuf::Message& message, const std::string& path);

}  // namespace kapso::cli

#endif  // CLI_TABLE_RENDERER_H_
