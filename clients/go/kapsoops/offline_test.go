package kapsoops_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
	"github.com/kapso-ops/kapso-ops/clients/go/kapsoops"
)

var writes = map[string]bool{"CreateWebhook": true, "UpdateWebhook": true, "DeleteWebhook": true, "TestWebhook": true}

// Live tails: no deadline (they run until stopped) and no retries (a caller
// reconnects with its resume token).
var streams = map[string]bool{"FollowMessageErrors": true, "FollowApiLogs": true, "FollowWebhookDeliveries": true}

type methodConfig struct {
	Name []struct {
		Service string `json:"service"`
		Method  string `json:"method"`
	} `json:"name"`
	Timeout     string `json:"timeout"`
	RetryPolicy *struct {
		RetryableStatusCodes []string `json:"retryableStatusCodes"`
	} `json:"retryPolicy"`
}

func TestEmbeddedConfigIsTheRepoConfig(t *testing.T) {
	repo, err := os.ReadFile("../../service_config.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(repo) != kapsoops.ServiceConfig {
		t.Fatal("kapsoops/service_config.json differs from clients/service_config.json; run scripts/gen-clients.sh")
	}
}

func TestServiceConfigRetriesReadsOnly(t *testing.T) {
	var cfg struct {
		MethodConfig []methodConfig `json:"methodConfig"`
	}
	if err := json.Unmarshal([]byte(kapsoops.ServiceConfig), &cfg); err != nil {
		t.Fatal(err)
	}
	byMethod := map[string]methodConfig{}
	for _, mc := range cfg.MethodConfig {
		for _, n := range mc.Name {
			if n.Method != "" {
				byMethod[n.Service+"/"+n.Method] = mc
			}
		}
	}
	files := []protoreflect.FileDescriptor{
		opsv1.File_kapso_ops_v1_webhooks_proto, opsv1.File_kapso_ops_v1_message_debug_proto,
		opsv1.File_kapso_ops_v1_triage_proto, opsv1.File_kapso_ops_v1_health_proto,
	}
	n := 0
	for _, f := range files {
		svcs := f.Services()
		for i := 0; i < svcs.Len(); i++ {
			ms := svcs.Get(i).Methods()
			for j := 0; j < ms.Len(); j++ {
				m := ms.Get(j)
				key := string(svcs.Get(i).FullName()) + "/" + string(m.Name())
				mc, ok := byMethod[key]
				n++
				switch {
				case !ok:
					t.Errorf("%s has no methodConfig", key)
				case streams[string(m.Name())]:
					if mc.Timeout != "" || mc.RetryPolicy != nil {
						t.Errorf("%s: a stream wants no timeout and no retries", key)
					}
				case !strings.HasSuffix(mc.Timeout, "s"):
					t.Errorf("%s: timeout %q", key, mc.Timeout)
				case writes[string(m.Name())] && mc.RetryPolicy != nil:
					t.Errorf("%s must never be retried", key)
				case !writes[string(m.Name())] && (mc.RetryPolicy == nil || len(mc.RetryPolicy.RetryableStatusCodes) != 1 || mc.RetryPolicy.RetryableStatusCodes[0] != "UNAVAILABLE"):
					t.Errorf("%s: want retries on UNAVAILABLE only", key)
				}
			}
		}
	}
	if n != 20 {
		t.Errorf("saw %d methods, want 20", n)
	}
}

func TestDecodeErrorDetails(t *testing.T) {
	st, err := status.New(codes.ResourceExhausted, "rate limited by Kapso").WithDetails(
		&errdetails.ErrorInfo{Reason: "KAPSO_RATE_LIMITED", Domain: kapsoops.ErrorDomain,
			Metadata: map[string]string{"http_status": "429", "kapso_method": "GET"}},
		&errdetails.RetryInfo{RetryDelay: durationpb.New(2500 * time.Millisecond)},
		&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "page_size", Description: "1-100"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := kapsoops.AsError(st.Err())
	if !ok {
		t.Fatal("not decoded")
	}
	if e.Code() != codes.ResourceExhausted || e.Reason() != "KAPSO_RATE_LIMITED" || e.Domain() != kapsoops.ErrorDomain {
		t.Errorf("got %v %q %q", e.Code(), e.Reason(), e.Domain())
	}
	if e.RetryDelay() != 2500*time.Millisecond || !e.HasRetryDelay() {
		t.Errorf("retry delay %v", e.RetryDelay())
	}
	if e.HTTPStatus() != 429 || e.Metadata()["kapso_method"] != "GET" {
		t.Errorf("metadata %v", e.Metadata())
	}
	if fv := e.FieldViolations(); len(fv) != 1 || fv[0].Field != "page_size" {
		t.Errorf("field violations %v", fv)
	}
	if status.Code(e) != codes.ResourceExhausted {
		t.Errorf("status.Code(e) = %v", status.Code(e))
	}
}

func TestDialClosedPortFailsUnavailable(t *testing.T) {
	c, err := kapsoops.Dial("127.0.0.1:1", kapsoops.WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Health.GetProjectOverview(context.Background(), &opsv1.GetProjectOverviewRequest{})
	e, ok := kapsoops.AsError(err)
	if !ok || (e.Code() != codes.Unavailable && e.Code() != codes.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
}
