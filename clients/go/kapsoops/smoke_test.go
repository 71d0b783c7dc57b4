package kapsoops_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
	"github.com/kapso-ops/kapso-ops/clients/go/kapsoops"
)

const number = "1000000000000001"

// stack dials KAPSO_OPS_ADDR; the smoke tests fail (never skip) without it.
func stack(t *testing.T) (*kapsoops.Client, context.Context) {
	t.Helper()
	addr := os.Getenv("KAPSO_OPS_ADDR")
	if addr == "" {
		t.Fatal("KAPSO_OPS_ADDR is not set: start the test stack (scripts/stack.sh start DIR; set -a; . DIR/env; set +a) or run scripts/test-clients.sh")
	}
	c, err := kapsoops.Dial(addr, kapsoops.WithTimeout(20*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c, ctx
}

func TestSmokeHealthProjectOverview(t *testing.T) {
	c, ctx := stack(t)
	ov, err := c.Health.GetProjectOverview(ctx, &opsv1.GetProjectOverviewRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if ov.GetPhoneNumbersTotal() < 3 {
		t.Errorf("phone_numbers_total = %d", ov.GetPhoneNumbersTotal())
	}
	found := false
	for _, p := range ov.GetPhoneNumbers() {
		found = found || p.GetId() == number || p.GetPhoneNumberId() == number
	}
	if !found {
		t.Errorf("%s not among %d phone numbers", number, len(ov.GetPhoneNumbers()))
	}
}

func TestSmokeWebhooksList(t *testing.T) {
	c, ctx := stack(t)
	resp, err := c.Webhooks.ListWebhooks(ctx, &opsv1.ListWebhooksRequest{PhoneNumberId: number})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, w := range resp.GetWebhooks() {
		ids = append(ids, w.GetId())
	}
	if len(ids) != 3 || !strings.Contains(strings.Join(ids, ","), "0a000000-0000-4000-8000-000000000001") {
		t.Errorf("webhooks %v", ids)
	}
}

func TestSmokeMessageDebugTimeline(t *testing.T) {
	c, ctx := stack(t)
	m, err := c.MessageDebug.GetMessage(ctx, &opsv1.GetMessageRequest{MessageId: "wamid.SANDBOX0001"})
	if err != nil {
		t.Fatal(err)
	}
	var st []string
	for _, e := range m.GetDeliveryTimeline() {
		st = append(st, e.GetStatus())
		if e.GetTime() == nil {
			t.Errorf("event %q has no time", e.GetStatus())
		}
	}
	if len(st) < 3 || strings.Join(st[len(st)-3:], ",") != "sent,delivered,read" {
		t.Errorf("delivery_timeline %v", st)
	}
}

func TestSmokeMessageDebugSecondPage(t *testing.T) {
	c, ctx := stack(t)
	p1, err := c.MessageDebug.ListMessages(ctx, &opsv1.ListMessagesRequest{PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.GetMessages()) != 5 || p1.GetNextPageToken() == "" {
		t.Fatalf("first page: %d messages, token %q", len(p1.GetMessages()), p1.GetNextPageToken())
	}
	p2, err := c.MessageDebug.ListMessages(ctx, &opsv1.ListMessagesRequest{PageSize: 5, PageToken: p1.GetNextPageToken()})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.GetMessages()) != 5 {
		t.Fatalf("second page: %d messages", len(p2.GetMessages()))
	}
	seen := map[string]bool{}
	for _, m := range p1.GetMessages() {
		seen[m.GetId()] = true
	}
	for _, m := range p2.GetMessages() {
		if seen[m.GetId()] {
			t.Errorf("%s on both pages", m.GetId())
		}
	}
}

func TestSmokeTriageApiLogs(t *testing.T) {
	c, ctx := stack(t)
	resp, err := c.Triage.ListApiLogs(ctx, &opsv1.ListApiLogsRequest{PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetApiLogs()) == 0 {
		t.Error("no api logs")
	}
}

func TestSmokeErrorInfoReason(t *testing.T) {
	c, ctx := stack(t)
	_, err := c.Webhooks.GetWebhook(ctx, &opsv1.GetWebhookRequest{
		PhoneNumberId: number, WebhookId: "0a000000-0000-4000-8000-00000000dead"})
	e, ok := kapsoops.AsError(err)
	if !ok {
		t.Fatal("GetWebhook of a missing webhook succeeded")
	}
	if e.Code() != codes.NotFound || e.Reason() != "KAPSO_NOT_FOUND" || e.Domain() != kapsoops.ErrorDomain || e.HTTPStatus() != 404 {
		t.Errorf("got %v (reason %q, domain %q, metadata %v)", e.Code(), e.Reason(), e.Domain(), e.Metadata())
	}
}

func TestSmokePagesListMessagesToTheLastPage(t *testing.T) {
	c, ctx := stack(t)
	ids := map[string]bool{}
	pages := 0
	for page, err := range kapsoops.Pages(ctx, c.MessageDebug.ListMessages, &opsv1.ListMessagesRequest{PageSize: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range page.GetMessages() {
			if ids[m.GetId()] {
				t.Errorf("message %s on two pages", m.GetId())
			}
			ids[m.GetId()] = true
		}
	}
	if pages < 2 || len(ids) <= 5 {
		t.Errorf("%d pages, %d messages", pages, len(ids))
	}
}

func TestSmokeCallsReachedSandbox(t *testing.T) {
	c, ctx := stack(t)
	base := os.Getenv("KAPSO_SANDBOX_URL")
	if base == "" {
		t.Fatal("KAPSO_SANDBOX_URL is not set (see docs/contracts.md)")
	}
	if _, err := c.Triage.ListApiLogs(ctx, &opsv1.ListApiLogsRequest{PageSize: 1}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(strings.TrimRight(base, "/") + "/__sandbox/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct {
		TotalRequests int `json:"total_requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	if stats.TotalRequests == 0 {
		t.Error("the sandbox saw no request")
	}
}
