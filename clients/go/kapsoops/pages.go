package kapsoops

import (
	"context"
	"iter"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// ListCall is a generated List* method, e.g. client.Triage.ListApiLogs.
type ListCall[Req, Resp proto.Message] func(context.Context, Req, ...grpc.CallOption) (Resp, error)

// Pages calls a List* method page after page, following next_page_token to the
// last page; it stops after the first error, which it yields with a nil page.
// req is not changed (each call gets a copy with page_token set).
//
//	for page, err := range kapsoops.Pages(ctx, c.Triage.ListApiLogs, &opsv1.ListApiLogsRequest{PageSize: 50}) {
//		if err != nil { return err }
//		for _, log := range page.GetApiLogs() { ... }
//	}
func Pages[Req, Resp proto.Message](ctx context.Context, call ListCall[Req, Resp], req Req, opts ...grpc.CallOption) iter.Seq2[Resp, error] {
	return func(yield func(Resp, error) bool) {
		next := proto.Clone(req).(Req)
		for {
			page, err := call(ctx, next, opts...)
			if err != nil {
				var none Resp
				yield(none, err)
				return
			}
			if !yield(page, nil) {
				return
			}
			token := stringField(page, "next_page_token")
			if token == "" {
				return
			}
			setStringField(next, "page_token", token)
		}
	}
}

func stringField(m proto.Message, name protoreflect.Name) string {
	r := m.ProtoReflect()
	fd := r.Descriptor().Fields().ByName(name)
	if fd == nil {
		return ""
	}
	return r.Get(fd).String()
}

func setStringField(m proto.Message, name protoreflect.Name, v string) {
	r := m.ProtoReflect()
	if fd := r.Descriptor().Fields().ByName(name); fd != nil {
		r.Set(fd, protoreflect.ValueOfString(v))
	}
}
