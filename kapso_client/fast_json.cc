#include "kapso_client/fast_json.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"
#include "google/protobuf/wire_format_lite.h"
#include "kapso_client/descriptor_memo.h"
#include "kapso_client/open_fields.h"

namespace kapso::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 64;
// Integers beyond 2^53 do not survive protobuf's int -> double conversion
// check; such a number is left to the reference path.
constexpr double kExactDoubleInt = 9007199254740992.0;

// How a message's JSON members name its fields: protobuf 3.21 looks a member
// up by json_name first, then by the proto name. By field index: the field's
// open twin (`<field>_json`, open_fields.h), and whether the field is itself
// a twin (a body naming one is declined). Looked up once per type, not per
// member: OpenTwin builds a name and searches the descriptor.
struct FieldIndex {
  absl::flat_hash_map<std::string, const FieldDescriptor*> by_json_name;
  absl::flat_hash_map<std::string, const FieldDescriptor*> by_name;
  std::vector<const FieldDescriptor*> twin_of;
  std::vector<bool> is_twin;
  bool has_twins = false;
};

void BuildIndex(const Descriptor* d, FieldIndex& index) {
  index.twin_of.assign(d->field_count(), nullptr);
  index.is_twin.assign(d->field_count(), false);
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    index.by_json_name.emplace(f->json_name(), f);
    index.by_name.emplace(f->name(), f);
    if (const FieldDescriptor* twin = OpenTwin(f)) {
      index.twin_of[i] = twin;
      index.is_twin[twin->index()] = true;
    }
  }
  index.has_twins = HasOpenTwins(d);
}

// One index per message type for the process (descriptor_memo.h).
const FieldIndex& IndexOf(const Descriptor* d) {
  static auto* const memo = new DescriptorMemo<FieldIndex>(&BuildIndex);
  return memo->Get(d);
}

const FieldDescriptor* Lookup(const FieldIndex& index, absl::string_view key) {
  if (auto it = index.by_json_name.find(key); it != index.by_json_name.end()) return it->second;
  if (auto it = index.by_name.find(key); it != index.by_name.end()) return it->second;
  return nullptr;
}

bool IsType(const FieldDescriptor* f, const Descriptor* d) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && f->message_type() == d;
}

bool IsWellKnown(const Descriptor* d) { return d->file()->package() == "google.protobuf"; }

// Where protobuf reads a null member as "not set": a singular scalar or
// plain message. The rest (repeated, maps, well-known types) is declined.
bool NullLeavesUnset(const FieldDescriptor* f) {
  if (f->is_repeated()) return false;
  return f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || !IsWellKnown(f->message_type());
}

// What a scanned number literal is, as nlohmann (open_fields.cc) and
// protobuf's tokenizer would see it.
struct Number {
  bool integer = false;  // no fraction, no exponent, fits int64 or uint64
  bool negative = false;
  uint64_t magnitude = 0;
  double value = 0;
};

// `entry` as field `number` of its parent, in the wire format.
void AppendMapEntry(int number, const Message& entry, std::string* out) {
  google::protobuf::io::StringOutputStream stream(out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.WriteTag(google::protobuf::internal::WireFormatLite::MakeTag(
      number, google::protobuf::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
  coded.WriteVarint32(static_cast<uint32_t>(entry.ByteSizeLong()));
  entry.SerializeWithCachedSizes(&coded);
}

class Reader {
 public:
  explicit Reader(absl::string_view json) : p_(json.data()), end_(json.data() + json.size()) {}

  bool ParseTop(Message* out) {
    if (IsWellKnown(out->GetDescriptor())) return false;
    SkipSpace();
    if (!ReadMessage(out, /*keep=*/false)) return false;
    SkipSpace();
    return p_ == end_;
  }

 private:
  // ---------------------------------------------------------------- tokens
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  char Peek() {
    SkipSpace();
    return p_ < end_ ? *p_ : '\0';
  }
  bool Literal(absl::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        absl::string_view(p_, word.size()) != word) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  bool ReadString(std::string* out);
  // A member name: protobuf's JSON parser refuses an empty one.
  bool ReadKey(std::string* out) { return ReadString(out) && !out->empty(); }
  bool ReadEscape(std::string* out);
  bool ReadUtf8(std::string* out);
  bool ReadNumber(Number* out);
  bool SkipValue(int depth);

  // ---------------------------------------------------------------- values
  bool ReadMessage(Message* msg, bool keep);
  // `twin`: f's open twin, or null (always null when `keep`).
  bool ReadMember(Message* msg, const FieldDescriptor* f, const FieldDescriptor* twin, bool keep);
  bool ReadTwinned(Message* msg, const FieldDescriptor* f, const FieldDescriptor* twin);
  bool ReadRepeated(Message* msg, const FieldDescriptor* f, bool keep);
  bool ReadMap(Message* msg, const FieldDescriptor* f, bool keep);
  // One value of `f` (an element when repeated). `keep`: a value that does
  // not fit is skipped (*fit = false) rather than declined, as
  // RouteOpenFields' KeepValue drops it.
  bool ReadElement(Message* msg, const FieldDescriptor* f, bool keep, bool* fit);
  bool ReadScalar(Message* msg, const FieldDescriptor* f, bool keep, bool* fit);
  bool ReadStringField(Message* msg, const FieldDescriptor* f);
  bool ReadBoolField(Message* msg, const FieldDescriptor* f, bool value);
  bool ReadDoubleField(Message* msg, const FieldDescriptor* f);
  bool ReadInteger(Message* msg, const FieldDescriptor* f, const Number& n, bool* fit);
  bool SetSigned(Message* msg, const FieldDescriptor* f, const Number& n, bool neg, int64_t lo,
                 uint64_t hi, bool* fit);
  bool ReadTimestamp(google::protobuf::Timestamp* out);
  bool ReadValue(google::protobuf::Value* out);
  bool ReadStruct(google::protobuf::Struct* out);
  bool ReadList(google::protobuf::ListValue* out);

  const char* p_;
  const char* end_;
  int depth_ = 0;
};

// A depth guard for every object and array entered.
class Nest {
 public:
  explicit Nest(int* depth) : depth_(depth) { ++*depth_; }
  ~Nest() { --*depth_; }
  bool ok() const { return *depth_ <= kMaxDepth; }

 private:
  int* depth_;
};

bool Reader::ReadString(std::string* out) {
  if (!Consume('"')) return false;
  out->clear();
  while (p_ < end_) {
    const char* run = p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20 &&
           static_cast<unsigned char>(*p_) < 0x80) {
      ++p_;
    }
    out->append(run, p_ - run);
    if (p_ == end_) return false;
    const unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      ++p_;
      return true;
    }
    if (c < 0x20) return false;  // raw control characters: left to the reference
    if (c == '\\') {
      if (!ReadEscape(out)) return false;
    } else if (!ReadUtf8(out)) {
      return false;
    }
  }
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// \uXXXX: only a BMP code point outside the surrogates, not NUL; pairs and
// the rest are left to the reference path.
bool Reader::ReadEscape(std::string* out) {
  if (end_ - p_ < 2) return false;
  const char e = p_[1];
  p_ += 2;
  // The one-letter escapes, and the characters they stand for.
  static constexpr absl::string_view kEscapes = "\"\\/bfnrt";
  static constexpr absl::string_view kMeanings = "\"\\/\b\f\n\r\t";
  if (size_t i = kEscapes.find(e); i != absl::string_view::npos) {
    out->push_back(kMeanings[i]);
    return true;
  }
  if (e != 'u') return false;
  if (end_ - p_ < 4) return false;
  uint32_t cp = 0;
  for (int i = 0; i < 4; ++i) {
    int h = HexValue(p_[i]);
    if (h < 0) return false;
    cp = cp * 16 + h;
  }
  p_ += 4;
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  AppendUtf8(cp, out);
  return true;
}

// One well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates).
bool Reader::ReadUtf8(std::string* out) {
  const unsigned char c = static_cast<unsigned char>(*p_);
  int len = c >= 0xC2 && c <= 0xDF   ? 2
            : c >= 0xE0 && c <= 0xEF ? 3
            : c >= 0xF0 && c <= 0xF4 ? 4
                                     : 0;
  if (len == 0 || end_ - p_ < len) return false;
  uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int i = 1; i < len; ++i) {
    const unsigned char k = static_cast<unsigned char>(p_[i]);
    if ((k & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (k & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return false;
  }
  out->append(p_, len);
  p_ += len;
  return true;
}

// A JSON number by the grammar, strictly (no leading zeros, no '+').
bool Reader::ReadNumber(Number* out) {
  SkipSpace();
  const char* start = p_;
  if (p_ < end_ && *p_ == '-') ++p_;
  const char* digits = p_;
  if (p_ < end_ && *p_ == '0') {
    ++p_;
  } else {
    if (p_ == end_ || *p_ < '1' || *p_ > '9') return false;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  }
  const char* digits_end = p_;
  bool integer = true;
  if (p_ < end_ && *p_ == '.') {
    integer = false;
    ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    integer = false;
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  }
  out->negative = *start == '-';
  std::string text(start, p_ - start);
  if (!absl::SimpleAtod(text, &out->value) || !std::isfinite(out->value)) return false;
  if (integer && out->negative && out->value == 0) out->value = 0;  // protobuf reads "-0" as 0
  out->integer =
      integer &&
      absl::SimpleAtoi(absl::string_view(digits, digits_end - digits), &out->magnitude) &&
      (!out->negative || out->magnitude <= uint64_t{1} << 63);
  return true;
}

bool Reader::SkipValue(int depth) {
  Nest nest(&depth_);
  if (!nest.ok()) return false;
  std::string scratch;
  Number number;
  switch (Peek()) {
    case '"':
      return ReadString(&scratch);
    case 't':
      return Literal("true");
    case 'f':
      return Literal("false");
    case 'n':
      return Literal("null");
    case '{': {
      ++p_;
      if (Consume('}')) return true;
      do {
        if (!ReadKey(&scratch) || !Consume(':') || !SkipValue(depth + 1)) return false;
      } while (Consume(','));
      return Consume('}');
    }
    case '[': {
      ++p_;
      if (Consume(']')) return true;
      do {
        if (!SkipValue(depth + 1)) return false;
      } while (Consume(','));
      return Consume(']');
    }
    default:
      return ReadNumber(&number);
  }
}

// ---------------------------------------------------------------- messages

bool Reader::ReadMessage(Message* msg, bool keep) {
  Nest nest(&depth_);
  if (!nest.ok() || !Consume('{')) return false;
  const FieldIndex& index = IndexOf(msg->GetDescriptor());
  if (keep && index.has_twins) return false;  // RouteOpenFields does not route inside kept values
  if (Consume('}')) return true;
  absl::InlinedVector<const FieldDescriptor*, 16> seen;
  std::string key;
  do {
    SkipSpace();
    const char* key_start = p_;
    if (!ReadKey(&key)) return false;
    // An escaped name (raw text longer than the name) is found by protobuf
    // but not by the twin routing's text search: left to the reference.
    if (static_cast<size_t>(p_ - key_start) != key.size() + 2 || !Consume(':')) return false;
    const FieldDescriptor* f = Lookup(index, key);
    if (f == nullptr) {
      if (!SkipValue(0)) return false;
      continue;
    }
    for (const FieldDescriptor* s : seen) {
      if (s == f) return false;  // a duplicate: merged or replaced, left to the reference
    }
    seen.push_back(f);
    if (index.is_twin[f->index()] || f->real_containing_oneof() != nullptr) return false;
    if (!ReadMember(msg, f, keep ? nullptr : index.twin_of[f->index()], keep)) return false;
  } while (Consume(','));
  return Consume('}');
}

bool Reader::ReadMember(Message* msg, const FieldDescriptor* f, const FieldDescriptor* twin,
                        bool keep) {
  if (twin != nullptr) return ReadTwinned(msg, f, twin);
  if (Peek() == 'n') {
    if (!Literal("null")) return false;
    if (IsType(f, google::protobuf::Value::descriptor()) && !f->is_repeated()) {
      static_cast<google::protobuf::Value*>(msg->GetReflection()->MutableMessage(msg, f))
          ->set_null_value(google::protobuf::NULL_VALUE);
      return true;
    }
    return NullLeavesUnset(f);
  }
  if (f->is_map()) return ReadMap(msg, f, keep);
  if (f->is_repeated()) return ReadRepeated(msg, f, keep);
  bool fit = true;
  return ReadElement(msg, f, keep, &fit);
}

// RouteOpenFields: the member as sent goes to the twin, and what fits of it
// to the typed field (a null member sets a Value twin to null).
bool Reader::ReadTwinned(Message* msg, const FieldDescriptor* f, const FieldDescriptor* twin) {
  const Reflection* r = msg->GetReflection();
  if (Peek() == 'n') {
    if (!Literal("null")) return false;
    if (IsType(twin, google::protobuf::Value::descriptor())) {
      static_cast<google::protobuf::Value*>(r->MutableMessage(msg, twin))
          ->set_null_value(google::protobuf::NULL_VALUE);
    }
    return NullLeavesUnset(f);  // the typed member stays null
  }
  const char* start = p_;
  google::protobuf::Value raw;
  if (!ReadValue(&raw)) return false;
  if (twin->is_repeated()) {  // repeated Struct: an array of objects
    if (!IsType(twin, google::protobuf::Struct::descriptor()) || !raw.has_list_value())
      return false;
    for (auto& element : *raw.mutable_list_value()->mutable_values()) {
      if (!element.has_struct_value()) return false;
      static_cast<google::protobuf::Struct*>(r->AddMessage(msg, twin))
          ->Swap(element.mutable_struct_value());
    }
  } else if (IsType(twin, google::protobuf::Struct::descriptor())) {
    if (!raw.has_struct_value()) return false;
    static_cast<google::protobuf::Struct*>(r->MutableMessage(msg, twin))
        ->Swap(raw.mutable_struct_value());
  } else if (IsType(twin, google::protobuf::ListValue::descriptor())) {
    if (!raw.has_list_value()) return false;
    static_cast<google::protobuf::ListValue*>(r->MutableMessage(msg, twin))
        ->Swap(raw.mutable_list_value());
  } else {
    static_cast<google::protobuf::Value*>(r->MutableMessage(msg, twin))->Swap(&raw);
  }
  const char* after = p_;
  p_ = start;
  if (!ReadMember(msg, f, /*twin=*/nullptr, /*keep=*/true)) return false;
  return p_ == after;
}

bool Reader::ReadRepeated(Message* msg, const FieldDescriptor* f, bool keep) {
  Nest nest(&depth_);
  if (!nest.ok()) return false;
  if (Peek() != '[') {
    if (!keep) return false;
    return SkipValue(0);  // KeepValue: a repeated field that is not an array is dropped
  }
  ++p_;
  if (Consume(']')) return true;
  do {
    if (Peek() == 'n') return false;  // null elements: left to the reference
    bool fit = true;
    if (!ReadElement(msg, f, keep, &fit)) return false;
  } while (Consume(','));
  return Consume(']');
}

bool Reader::ReadMap(Message* msg, const FieldDescriptor* f, bool keep) {
  Nest nest(&depth_);
  if (!nest.ok()) return false;
  const Descriptor* entry = f->message_type();
  const FieldDescriptor* key_field = entry->map_key();
  const FieldDescriptor* value_field = entry->map_value();
  if (key_field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return false;
  // RouteOpenFields does not route inside map values.
  if (value_field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
      HasOpenTwins(value_field->message_type())) {
    return false;
  }
  if (Peek() != '{') return keep ? SkipValue(0) : false;
  ++p_;
  if (Consume('}')) return true;
  absl::flat_hash_set<std::string> keys;
  std::string key;
  // The entries reach the message as their wire encoding, parsed by its
  // generated code: written through reflection's repeated view instead, the
  // map would be left to sync from that view later, under a lock inside
  // uninstrumented protobuf, and TSan reports the inline unlock of it.
  std::string entries;
  std::unique_ptr<Message> item(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(entry)->New());
  do {
    if (!ReadKey(&key) || !Consume(':') || !keys.insert(key).second) return false;
    if (Peek() == 'n') {
      if (!keep || !Literal("null")) return false;
      continue;  // KeepValue drops null map values
    }
    item->Clear();
    item->GetReflection()->SetString(item.get(), key_field, key);
    bool fit = true;
    if (!ReadElement(item.get(), value_field, keep, &fit)) return false;
    if (fit) AppendMapEntry(f->number(), *item, &entries);
  } while (Consume(','));
  return Consume('}') && msg->MergeFromString(entries);
}

bool Reader::ReadElement(Message* msg, const FieldDescriptor* f, bool keep, bool* fit) {
  const Reflection* r = msg->GetReflection();
  if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return ReadScalar(msg, f, keep, fit);
  const Descriptor* type = f->message_type();
  const char next = Peek();
  auto add = [&] { return f->is_repeated() ? r->AddMessage(msg, f) : r->MutableMessage(msg, f); };
  auto unfit = [&] {
    *fit = false;
    return keep && SkipValue(0);
  };
  if (type == google::protobuf::Timestamp::descriptor()) {
    if (next != '"') return unfit();
    return ReadTimestamp(static_cast<google::protobuf::Timestamp*>(add()));
  }
  if (type == google::protobuf::Struct::descriptor()) {
    if (next != '{') return unfit();
    return ReadStruct(static_cast<google::protobuf::Struct*>(add()));
  }
  if (type == google::protobuf::ListValue::descriptor()) {
    if (next != '[') return unfit();
    return ReadList(static_cast<google::protobuf::ListValue*>(add()));
  }
  if (type == google::protobuf::Value::descriptor()) {
    if (keep) return false;
    return ReadValue(static_cast<google::protobuf::Value*>(add()));
  }
  if (IsWellKnown(type)) return false;
  if (next != '{') return unfit();
  // A kept element that ends up unfit inside is trimmed, not dropped, as in
  // KeepFitting; so the element is added before it is read.
  return ReadMessage(add(), keep);
}

bool Reader::ReadScalar(Message* msg, const FieldDescriptor* f, bool keep, bool* fit) {
  const char next = Peek();
  auto unfit = [&] {
    *fit = false;
    return keep && SkipValue(0);
  };
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
      return next == '"' ? ReadStringField(msg, f) : unfit();
    case FieldDescriptor::CPPTYPE_BOOL:
      return next == 't' || next == 'f' ? ReadBoolField(msg, f, next == 't') : unfit();
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return next == '-' || (next >= '0' && next <= '9') ? ReadDoubleField(msg, f) : unfit();
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: {
      if (next != '-' && (next < '0' || next > '9')) return keep ? unfit() : false;
      Number n;
      if (!ReadNumber(&n)) return false;
      return ReadInteger(msg, f, n, fit) || (keep && !*fit);
    }
    default:  // float, enum: left to the reference path
      return false;
  }
}

bool Reader::ReadStringField(Message* msg, const FieldDescriptor* f) {
  std::string s;
  if (!ReadString(&s)) return false;
  const Reflection* r = msg->GetReflection();
  f->is_repeated() ? r->AddString(msg, f, std::move(s)) : r->SetString(msg, f, std::move(s));
  return true;
}

bool Reader::ReadBoolField(Message* msg, const FieldDescriptor* f, bool value) {
  if (!Literal(value ? "true" : "false")) return false;
  const Reflection* r = msg->GetReflection();
  f->is_repeated() ? r->AddBool(msg, f, value) : r->SetBool(msg, f, value);
  return true;
}

bool Reader::ReadDoubleField(Message* msg, const FieldDescriptor* f) {
  Number n;
  if (!ReadNumber(&n) || std::fabs(n.value) >= kExactDoubleInt) return false;
  const Reflection* r = msg->GetReflection();
  f->is_repeated() ? r->AddDouble(msg, f, n.value) : r->SetDouble(msg, f, n.value);
  return true;
}

// An integer literal into an integer field; a number that does not fit is
// declined, or (kept values) dropped where nlohmann would call it unfit.
bool Reader::ReadInteger(Message* msg, const FieldDescriptor* f, const Number& n, bool* fit) {
  const bool neg = n.negative && n.magnitude != 0;
  if (!n.integer) return *fit = false;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return SetSigned(msg, f, n, neg, std::numeric_limits<int32_t>::min(),
                       std::numeric_limits<int32_t>::max(), fit);
    case FieldDescriptor::CPPTYPE_INT64:
      return SetSigned(msg, f, n, neg, std::numeric_limits<int64_t>::min(),
                       std::numeric_limits<int64_t>::max(), fit);
    case FieldDescriptor::CPPTYPE_UINT32:
      if (neg || n.magnitude > std::numeric_limits<uint32_t>::max()) return *fit = false;
      f->is_repeated()
          ? msg->GetReflection()->AddUInt32(msg, f, static_cast<uint32_t>(n.magnitude))
          : msg->GetReflection()->SetUInt32(msg, f, static_cast<uint32_t>(n.magnitude));
      return true;
    default:  // CPPTYPE_UINT64
      if (neg) return *fit = false;
      f->is_repeated() ? msg->GetReflection()->AddUInt64(msg, f, n.magnitude)
                       : msg->GetReflection()->SetUInt64(msg, f, n.magnitude);
      return true;
  }
}

bool Reader::SetSigned(Message* msg, const FieldDescriptor* f, const Number& n, bool neg,
                       int64_t lo, uint64_t hi, bool* fit) {
  const int64_t negative_value = neg ? static_cast<int64_t>(0 - n.magnitude) : 0;
  if (neg ? negative_value < lo : n.magnitude > hi) return *fit = false;
  const int64_t v = neg ? negative_value : static_cast<int64_t>(n.magnitude);
  const Reflection* r = msg->GetReflection();
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
    const auto v32 = static_cast<int32_t>(v);
    f->is_repeated() ? r->AddInt32(msg, f, v32) : r->SetInt32(msg, f, v32);
  } else {
    f->is_repeated() ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
  }
  return true;
}

bool Reader::ReadTimestamp(google::protobuf::Timestamp* out) {
  std::string text;
  if (!ReadString(&text)) return false;
  int year = 0;
  if (text.size() < 20 || text[4] != '-' || !absl::SimpleAtoi(text.substr(0, 4), &year) ||
      year < 2 || year > 9998 || text[0] < '0' || text[0] > '9') {
    return false;
  }
  return google::protobuf::util::TimeUtil::FromString(text, out);
}

bool Reader::ReadValue(google::protobuf::Value* out) {
  switch (Peek()) {
    case '"':
      return ReadString(out->mutable_string_value());
    case 't':
      out->set_bool_value(true);
      return Literal("true");
    case 'f':
      out->set_bool_value(false);
      return Literal("false");
    case 'n':
      out->set_null_value(google::protobuf::NULL_VALUE);
      return Literal("null");
    case '{':
      return ReadStruct(out->mutable_struct_value());
    case '[':
      return ReadList(out->mutable_list_value());
    default: {
      Number n;
      if (!ReadNumber(&n) || std::fabs(n.value) > kExactDoubleInt) return false;
      out->set_number_value(n.value);
      return true;
    }
  }
}

bool Reader::ReadStruct(google::protobuf::Struct* out) {
  Nest nest(&depth_);
  if (!nest.ok() || !Consume('{')) return false;
  if (Consume('}')) return true;
  std::string key;
  auto* fields = out->mutable_fields();
  do {
    if (!ReadKey(&key) || !Consume(':')) return false;
    auto [it, inserted] = fields->try_emplace(key);
    if (!inserted || !ReadValue(&it->second)) return false;  // duplicates: the reference
  } while (Consume(','));
  return Consume('}');
}

bool Reader::ReadList(google::protobuf::ListValue* out) {
  Nest nest(&depth_);
  if (!nest.ok() || !Consume('[')) return false;
  if (Consume(']')) return true;
  do {
    if (!ReadValue(out->add_values())) return false;
  } while (Consume(','));
  return Consume(']');
}

}  // namespace

bool FastJsonToMessage(absl::string_view json, google::protobuf::Message* out) {
  return Reader(json).ParseTop(out);
}

}  // namespace kapso::client
