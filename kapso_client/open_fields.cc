#include "kapso_client/open_fields.h"

#include <cstdint>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "kapso_client/descriptor_memo.h"

namespace kapso::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::json;

// protobuf's JSON parser refuses deeper documents; nlohmann's would recurse
// when printing them, so such a body is left for protobuf to refuse.
constexpr int kMaxDepth = 100;

bool IsWellKnown(const Descriptor* d) { return d->file()->package() == "google.protobuf"; }

bool IsOpenType(const FieldDescriptor* f) {
  if (f->type() != FieldDescriptor::TYPE_MESSAGE) return false;
  const std::string& name = f->message_type()->full_name();
  return name == "google.protobuf.Struct" || name == "google.protobuf.ListValue" ||
         name == "google.protobuf.Value";
}

// The JSON member names (quoted, as they appear in a body) of every field
// with an open twin in `d` or a message reachable from it.
void CollectTwinned(const Descriptor* d, absl::flat_hash_set<const Descriptor*>& seen,
                    std::vector<std::string>& names) {
  if (IsWellKnown(d) || !seen.insert(d).second) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (OpenTwin(f) != nullptr) {
      names.push_back(absl::StrCat("\"", f->name(), "\""));
      if (f->json_name() != f->name()) names.push_back(absl::StrCat("\"", f->json_name(), "\""));
    }
    if (f->type() == FieldDescriptor::TYPE_MESSAGE) CollectTwinned(f->message_type(), seen, names);
  }
}

void BuildTwinnedNames(const Descriptor* type, std::vector<std::string>& names) {
  absl::flat_hash_set<const Descriptor*> seen;
  CollectTwinned(type, seen, names);
}

// Asked on every answer parsed: once per type for the process.
const std::vector<std::string>& TwinnedNames(const Descriptor* type) {
  static auto* const memo = new DescriptorMemo<std::vector<std::string>>(&BuildTwinnedNames);
  return memo->Get(type);
}

// Whether the body names a twinned member at all: most message pages carry
// no `statuses`, and then the rewrite (a second parse) is skipped.
bool MentionsAny(absl::string_view json, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (absl::StrContains(json, name)) return true;
  }
  return false;
}

bool TooDeep(absl::string_view json) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

bool FitsInteger(const Json& v, int64_t min, uint64_t max) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() <= max;
  return v.is_number_integer() && v.get<int64_t>() >= min;
}

bool FitsScalar(const Json& v, const FieldDescriptor* f) {
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return v.is_string();
    case FieldDescriptor::CPPTYPE_BOOL:
      return v.is_boolean();
    case FieldDescriptor::CPPTYPE_INT32:
      return FitsInteger(v, std::numeric_limits<int32_t>::min(),
                         std::numeric_limits<int32_t>::max());
    case FieldDescriptor::CPPTYPE_UINT32:
      return FitsInteger(v, 0, std::numeric_limits<uint32_t>::max());
    case FieldDescriptor::CPPTYPE_INT64:
      return FitsInteger(v, std::numeric_limits<int64_t>::min(),
                         std::numeric_limits<int64_t>::max());
    case FieldDescriptor::CPPTYPE_UINT64:
      return FitsInteger(v, 0, std::numeric_limits<uint64_t>::max());
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return v.is_number();
    case FieldDescriptor::CPPTYPE_ENUM:
      return v.is_string() || v.is_number_integer();
    default:
      return false;
  }
}

bool KeepValue(Json& v, const FieldDescriptor* f);

// The field a JSON member names: by proto name or by JSON (lowerCamel) name.
const FieldDescriptor* FieldNamed(const Descriptor* d, const std::string& key) {
  if (const FieldDescriptor* f = d->FindFieldByName(key)) return f;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->json_name() == key) return d->field(i);
  }
  return nullptr;
}

// Drops the members of `object` that its message's fields cannot hold.
void KeepFitting(Json& object, const Descriptor* d) {
  std::vector<std::string> unfit;
  for (auto& [key, value] : object.items()) {
    const FieldDescriptor* f = FieldNamed(d, key);
    if (f != nullptr && !KeepValue(value, f)) unfit.push_back(key);
  }
  for (const std::string& key : unfit) object.erase(key);
}

// Whether one (non-repeated) value fits `f`; a message is trimmed to fit.
bool KeepElement(Json& v, const FieldDescriptor* f) {
  if (v.is_null()) return true;
  if (f->type() != FieldDescriptor::TYPE_MESSAGE) return FitsScalar(v, f);
  const std::string& name = f->message_type()->full_name();
  if (name == "google.protobuf.Struct") return v.is_object();
  if (name == "google.protobuf.ListValue") return v.is_array();
  if (name == "google.protobuf.Timestamp") return v.is_string();
  if (IsWellKnown(f->message_type())) return true;  // left to protobuf
  if (!v.is_object()) return false;
  KeepFitting(v, f->message_type());
  return true;
}

bool KeepValue(Json& v, const FieldDescriptor* f) {
  if (v.is_null()) return true;
  if (f->is_map()) {
    if (!v.is_object()) return false;
    const FieldDescriptor* value_field = f->message_type()->map_value();
    std::vector<std::string> unfit;
    for (auto& [key, value] : v.items()) {
      if (value.is_null() || !KeepElement(value, value_field)) unfit.push_back(key);
    }
    for (const std::string& key : unfit) v.erase(key);
    return true;
  }
  if (!f->is_repeated()) return KeepElement(v, f);
  if (!v.is_array()) return false;
  Json kept = Json::array();
  for (Json& element : v) {
    if (KeepElement(element, f)) kept.push_back(std::move(element));
  }
  v = std::move(kept);
  return true;
}

Json* Member(Json& object, const FieldDescriptor* f) {
  auto it = object.find(f->name());
  if (it == object.end()) it = object.find(f->json_name());
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool IsValueType(const FieldDescriptor* f) {
  return f->message_type()->full_name() == "google.protobuf.Value";
}

bool IsNullMember(const Json& object, const FieldDescriptor* f) {
  auto it = object.find(f->name());
  if (it == object.end()) it = object.find(f->json_name());
  return it != object.end() && it->is_null();
}

void Route(Json& object, const Descriptor* d) {
  if (!object.is_object() || IsWellKnown(d)) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const FieldDescriptor* twin = OpenTwin(f);
    if (twin != nullptr && IsValueType(twin) && IsNullMember(object, f)) {
      object[twin->name()] = nullptr;  // protobuf reads null into a Value as null_value
      continue;
    }
    Json* member = Member(object, f);
    if (member == nullptr) continue;
    if (twin != nullptr) {
      Json raw = *member;
      if (!KeepValue(*member, f)) *member = nullptr;
      object[twin->name()] = std::move(raw);
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE && !f->is_map() &&
               HasOpenTwins(f->message_type())) {
      if (!f->is_repeated())
        Route(*member, f->message_type());
      else if (member->is_array())
        for (Json& e : *member) Route(e, f->message_type());
    }
  }
}

}  // namespace

const FieldDescriptor* OpenTwin(const FieldDescriptor* field) {
  if (IsOpenType(field)) return nullptr;
  const FieldDescriptor* twin = field->containing_type()->FindFieldByName(field->name() + "_json");
  return twin != nullptr && IsOpenType(twin) ? twin : nullptr;
}

bool HasOpenTwins(const Descriptor* type) { return !TwinnedNames(type).empty(); }

std::optional<std::string> RouteOpenFields(absl::string_view json, const Descriptor* type) {
  if (!MentionsAny(json, TwinnedNames(type)) || TooDeep(json)) return std::nullopt;
  Json doc = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  Route(doc, type);
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace kapso::client
