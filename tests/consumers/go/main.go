// A consumer of the kapso-ops Go module through a `replace`: overview, a decoded
// NOT_FOUND, paging to the end. Checked with go vet; exits non-zero on failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc/codes"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
	"github.com/kapso-ops/kapso-ops/clients/go/kapsoops"
)

func check(ok bool, format string, args ...any) {
	status := "ok  "
	if !ok {
		status = "FAIL"
	}
	fmt.Printf(status+" "+format+"\n", args...)
	if !ok {
		os.Exit(1)
	}
}

func main() {
	c, err := kapsoops.Dial(os.Getenv("KAPSO_OPS_ADDR"), kapsoops.WithTimeout(20*time.Second))
	check(err == nil, "dial: %v", err)
	defer c.Close()
	ctx := context.Background()

	ov, err := c.Health.GetProjectOverview(ctx, &opsv1.GetProjectOverviewRequest{})
	check(err == nil && ov.GetPhoneNumbersTotal() >= 3, "overview: %d numbers (%v)", ov.GetPhoneNumbersTotal(), err)

	_, err = c.Webhooks.GetWebhook(ctx, &opsv1.GetWebhookRequest{PhoneNumberId: "1000000000000001", WebhookId: "0a000000-0000-4000-8000-00000000dead"})
	e, ok := kapsoops.AsError(err)
	check(ok && e.Code() == codes.NotFound && e.Reason() == "KAPSO_NOT_FOUND", "decoded error: %v", err)
	_, ok = kapsoops.AsError(errors.New("not from grpc"))
	check(!ok, "AsError ignores non-gRPC errors")

	pages, ids := 0, map[string]bool{}
	for page, err := range kapsoops.Pages(ctx, c.MessageDebug.ListMessages, &opsv1.ListMessagesRequest{PageSize: 5}) {
		check(err == nil, "page %d: %v", pages, err)
		pages++
		for _, m := range page.GetMessages() {
			ids[m.GetId()] = true
		}
	}
	check(pages >= 2 && len(ids) > 5, "paging: %d pages, %d messages", pages, len(ids))
}
