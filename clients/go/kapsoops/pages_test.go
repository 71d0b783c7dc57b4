package kapsoops_test

import (
	"context"
	"errors"
	"testing"

	"google.golang.org/grpc"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
	"github.com/kapso-ops/kapso-ops/clients/go/kapsoops"
)

func TestAsErrorIsFalseForNonGRPCErrors(t *testing.T) {
	if _, ok := kapsoops.AsError(nil); ok {
		t.Error("AsError(nil) reported ok")
	}
	if _, ok := kapsoops.AsError(errors.New("disk full")); ok {
		t.Error("AsError of a plain error reported ok")
	}
	if _, ok := kapsoops.AsError(context.Canceled); ok {
		t.Error("AsError(context.Canceled) reported ok")
	}
}

func TestPagesFollowsNextPageTokenToTheEnd(t *testing.T) {
	var seen []string
	next := map[string]string{"": "p2", "p2": "p3", "p3": ""}
	list := func(_ context.Context, req *opsv1.ListApiLogsRequest, _ ...grpc.CallOption) (*opsv1.ListApiLogsResponse, error) {
		seen = append(seen, req.GetPageToken())
		return &opsv1.ListApiLogsResponse{NextPageToken: next[req.GetPageToken()]}, nil
	}
	req := &opsv1.ListApiLogsRequest{PageSize: 2}
	n := 0
	for page, err := range kapsoops.Pages(context.Background(), list, req) {
		if err != nil || page == nil {
			t.Fatalf("page %d: %v", n, err)
		}
		n++
	}
	if n != 3 || len(seen) != 3 || seen[1] != "p2" || seen[2] != "p3" {
		t.Errorf("pages %d, tokens sent %q", n, seen)
	}
	if req.GetPageToken() != "" {
		t.Error("Pages changed the caller's request")
	}
}

func TestPagesStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	list := func(context.Context, *opsv1.ListApiLogsRequest, ...grpc.CallOption) (*opsv1.ListApiLogsResponse, error) {
		return nil, boom
	}
	n := 0
	for page, err := range kapsoops.Pages(context.Background(), list, &opsv1.ListApiLogsRequest{}) {
		n++
		if !errors.Is(err, boom) || page != nil {
			t.Errorf("got %v, %v", page, err)
		}
	}
	if n != 1 {
		t.Errorf("yielded %d times", n)
	}
}
