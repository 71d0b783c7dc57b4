"""The mapping audit: for every Kapso answer kapso-ops reads, walks the
spec's response schema beside the proto message the answer is parsed into
(the envelopes of kapso_client/proto/kapso/internal/wire/*.proto and the
kapso.ops.v1 messages they embed) and reports where the proto is narrower
than the spec:

  - an open object (additionalProperties: true, or no declared members)
    read into anything but google.protobuf.Struct/Value (a string map, a
    typed message);
  - a map whose values the spec does not restrict to strings, as map<_, string>;
  - an enum (proto) for a string the spec leaves open, or lacking spec values;
  - a value of several JSON types (anyOf integer|string) into a one-type field;
  - a JSON type the field cannot hold (a number into an int, a string
    without format date-time into a Timestamp, an object into a string);
  - a nullable boolean or number into a proto3 scalar without presence,
    unless ALLOWED_NULL_AS_DEFAULT says why null and the default mean the same.

A spec member with an open twin `<member>_json` (see
kapso_client/open_fields.h) is judged by its twin: kapso-ops copies the raw
value there. Members the proto does not map are not findings (kapso-ops reads
what it uses and ignores the rest, on purpose).

    python tests/contract/mapping_audit.py [SPEC.yaml]   # prints the findings
"""
import pathlib
import subprocess
import sys
import tempfile

import yaml
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import FieldDescriptor as FD

REPO = pathlib.Path(__file__).resolve().parents[2]
SPEC = REPO / "contract/kapso-api/openapi-platform.yaml"
WIRE = "kapso.internal.wire."

# Every Kapso answer the service parses: (method, spec path, proto message).
# Kept beside the service's Fetch<...>/ParseResponse calls (service/*.cc).
READS = [
    ("get", "/whatsapp/phone_numbers/{phone_number_id}/webhooks", WIRE + "WebhookList"),
    ("get", "/whatsapp/webhooks", WIRE + "WebhookList"),
    ("get", "/whatsapp/phone_numbers/{phone_number_id}/webhooks/{webhook_id}", WIRE + "WebhookItem"),
    ("get", "/whatsapp/webhooks/{webhook_id}", WIRE + "WebhookItem"),
    ("post", "/whatsapp/phone_numbers/{phone_number_id}/webhooks", WIRE + "WebhookItem"),
    ("post", "/whatsapp/webhooks", WIRE + "WebhookItem"),
    ("patch", "/whatsapp/phone_numbers/{phone_number_id}/webhooks/{webhook_id}",
     WIRE + "WebhookItem"),
    ("patch", "/whatsapp/webhooks/{webhook_id}", WIRE + "WebhookItem"),
    ("post", "/whatsapp/webhooks/{webhook_id}/test", WIRE + "TestResultItem"),
    ("get", "/whatsapp/messages", WIRE + "MessageList"),
    ("get", "/whatsapp/messages/{message_id}", WIRE + "MessageItem"),
    ("get", "/whatsapp/conversations", WIRE + "ConversationList"),
    ("get", "/whatsapp/conversations/{conversation_id}", WIRE + "ConversationItem"),
    ("get", "/api_logs", WIRE + "ApiLogList"),
    ("get", "/webhook_deliveries", WIRE + "DeliveryList"),
    ("get", "/whatsapp/phone_numbers", WIRE + "PhoneNumberList"),
    ("get", "/whatsapp/phone_numbers/{phone_number_id}/health", "kapso.ops.v1.PhoneNumberHealth"),
]

# Nullable scalars read into proto3 fields without presence, where null and
# the default value mean the same thing to a reader. Each says why.
ALLOWED_NULL_AS_DEFAULT = {
    "kapso.ops.v1.WebhookDelivery.response_status":
        "an HTTP status is 100-599: 0 can only mean the endpoint never answered (null)",
}
# Wrapper messages: a scalar with presence, so null stays apart from the default.
WRAPPERS = {"google.protobuf.BoolValue": "boolean", "google.protobuf.StringValue": "string",
            "google.protobuf.Int32Value": "integer", "google.protobuf.Int64Value": "integer",
            "google.protobuf.UInt32Value": "integer", "google.protobuf.DoubleValue": "number",
            "google.protobuf.FloatValue": "number"}

OPEN_TYPES = {"google.protobuf.Struct", "google.protobuf.Value"}
INT_TYPES = {FD.TYPE_INT32, FD.TYPE_INT64, FD.TYPE_UINT32, FD.TYPE_UINT64, FD.TYPE_SINT32,
             FD.TYPE_SINT64, FD.TYPE_FIXED32, FD.TYPE_FIXED64, FD.TYPE_SFIXED32,
             FD.TYPE_SFIXED64}
FLOAT_TYPES = {FD.TYPE_DOUBLE, FD.TYPE_FLOAT}


# One envelope file per Kapso resource.
WIRE_PROTOS = sorted(str(p.relative_to(REPO / "kapso_client/proto"))
                     for p in (REPO / "kapso_client/proto/kapso/internal/wire").glob("*.proto"))


def load_pool(without=()):
    """Descriptors of the wire envelopes and kapso.ops.v1, compiled with grpc_tools' protoc.
    `without`: full names of fields to leave out (to show what the audit finds
    without them)."""
    import grpc_tools
    wkt = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    rpc = REPO / "tools/protodeps/node_modules/google-proto-files"
    out = pathlib.Path(tempfile.mkdtemp()) / "set.pb"
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{REPO / 'proto'}",
                    f"-I{REPO / 'kapso_client/proto'}", f"-I{rpc}", f"-I{wkt}",
                    "--include_imports", f"--descriptor_set_out={out}",
                    *WIRE_PROTOS], check=True)
    files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    pool = descriptor_pool.DescriptorPool()
    for f in files.file:
        for message in f.message_type:
            kept = [x for x in message.field
                    if f"{f.package}.{message.name}.{x.name}" not in without]
            del message.field[:]
            message.field.extend(kept)
        pool.Add(f)
    return pool


class Audit:
    def __init__(self, spec, pool):
        self.spec = spec
        self.pool = pool
        self.findings = []

    def resolve(self, schema):
        while "$ref" in schema:
            node = self.spec
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        if "allOf" in schema:
            merged = {"properties": {}}
            for part in schema["allOf"]:
                part = self.resolve(part)
                merged["properties"].update(part.get("properties", {}))
                for k, v in part.items():
                    if k != "properties":
                        merged.setdefault(k, v)
            return merged
        return schema

    def types(self, schema):
        """The JSON types a schema admits ('null' included)."""
        schema = self.resolve(schema)
        alternatives = schema.get("anyOf") or schema.get("oneOf")
        if alternatives:
            return set().union(*(self.types(s) for s in alternatives))
        t = schema.get("type")
        types = set(t) if isinstance(t, list) else {t} if t else set()
        if not types:
            types = {"object"} if "properties" in schema else {"any"}
        if schema.get("nullable"):
            types.add("null")
        return types

    def flag(self, where, problem):
        self.findings.append(f"{where}: {problem}")

    def message(self, schema, msg, where):
        """A spec object read into the proto message `msg`."""
        schema = self.resolve(schema)
        for name, prop in schema.get("properties", {}).items():
            field = msg.fields_by_name.get(name) or next(
                (f for f in msg.fields if f.json_name == name), None)
            if field is None:
                continue
            twin = msg.fields_by_name.get(name + "_json")
            if twin is not None and self.is_open_field(twin):
                field = twin
            self.field(prop, field, f"{where}.{name}")

    def is_open_field(self, field):
        return field.message_type is not None and field.message_type.full_name in (
            OPEN_TYPES | {"google.protobuf.ListValue"})

    def field(self, schema, field, where):
        schema = self.resolve(schema)
        types = self.types(schema)
        if field.message_type is not None and field.message_type.full_name == "google.protobuf.Value":
            return
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            return self.map_field(schema, field, where)
        if field.is_repeated:
            if "array" not in types:
                return self.flag(where, f"repeated {field.full_name} for {sorted(types)}")
            return self.element(self.resolve(schema.get("items", {})), field, where + "[]")
        if field.message_type is not None and field.message_type.full_name == "google.protobuf.ListValue":
            return None if types <= {"array", "null"} else self.flag(where, "ListValue for non-array")
        self.nullable(schema, types, field, where)
        return self.element(schema, field, where)

    def nullable(self, schema, types, field, where):
        if "null" not in types or field.message_type is not None:
            return
        if field.type == FD.TYPE_STRING or field.has_presence:
            return
        if field.full_name in ALLOWED_NULL_AS_DEFAULT:
            return
        self.flag(where, f"nullable, but {field.full_name} has no presence: null reads as "
                         "the default value")

    def element(self, schema, field, where):
        types = self.types(schema) - {"null"}
        if len(types) > 1 and "any" not in types:
            if field.type != FD.TYPE_MESSAGE or field.message_type.full_name not in OPEN_TYPES:
                self.flag(where, f"{sorted(types)} into one-type field {field.full_name}")
            return
        kind = next(iter(types), "any")
        if field.type == FD.TYPE_MESSAGE:
            return self.message_element(schema, kind, field, where)
        if field.type == FD.TYPE_ENUM:
            return self.enum_element(schema, field, where)
        fits = {"string": field.type in (FD.TYPE_STRING, FD.TYPE_BYTES),
                "integer": field.type in INT_TYPES | FLOAT_TYPES,
                "number": field.type in FLOAT_TYPES,
                "boolean": field.type == FD.TYPE_BOOL}.get(kind, False)
        if not fits:
            self.flag(where, f"spec {kind} into {field.full_name}")

    def message_element(self, schema, kind, field, where):
        name = field.message_type.full_name
        if name in OPEN_TYPES:
            if name == "google.protobuf.Struct" and kind not in ("object", "any"):
                self.flag(where, f"Struct for spec {kind}")
            return
        if name in WRAPPERS:
            if kind != WRAPPERS[name] and not (kind == "integer" and WRAPPERS[name] == "number"):
                self.flag(where, f"{name} for spec {kind}")
            return
        if name == "google.protobuf.Timestamp":
            if kind != "string" or schema.get("format") != "date-time":
                self.flag(where, f"Timestamp for spec {kind} without format date-time")
            return
        if kind != "object":
            return self.flag(where, f"message {name} for spec {kind}")
        if self.is_open_object(schema):
            return self.flag(where, f"typed message {name} for an open object "
                                    "(additionalProperties: true): members it lacks are lost "
                                    "and a member of another type fails the whole answer")
        self.message(schema, field.message_type, where)

    def is_open_object(self, schema):
        extra = schema.get("additionalProperties")
        return extra is True or (not schema.get("properties") and extra is None)

    def enum_element(self, schema, field, where):
        if "enum" not in schema:
            return self.flag(where, f"enum {field.enum_type.full_name} for an open string")
        names = {v.name for v in field.enum_type.values}
        missing = [v for v in schema["enum"] if v not in names]
        if missing:
            self.flag(where, f"enum {field.enum_type.full_name} lacks {missing}")

    def map_field(self, schema, field, where):
        value = field.message_type.fields_by_name["value"]
        extra = schema.get("additionalProperties", True)
        if extra is True or extra == {}:
            if not (value.message_type and value.message_type.full_name in OPEN_TYPES):
                self.flag(where, f"map {field.full_name} of one value type for an open "
                                 "object (additionalProperties: true)")
            return
        self.element(self.resolve(extra), value, where + "{}")

    def run(self):
        for method, path, message in READS:
            op = self.spec["paths"][path][method]
            code = next(c for c in op["responses"] if str(c).startswith("2"))
            content = op["responses"][code].get("content", {}).get("application/json")
            if content is None:
                self.flag(f"{method.upper()} {path}", "no JSON answer in the spec")
                continue
            where = f"{method.upper()} {path} {code}"
            self.message(content["schema"], self.pool.FindMessageTypeByName(message), where)
        return self.findings


def audit(spec_path=SPEC, without=()):
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    return Audit(spec, load_pool(without)).run()


if __name__ == "__main__":
    found = audit(*sys.argv[1:2])
    print("\n".join(found) or "no findings")
    sys.exit(1 if found else 0)
