// Command get_project_overview calls Health.GetProjectOverview and prints it.
//
//	KAPSO_OPS_ADDR=127.0.0.1:50051 go run ./examples/get_project_overview
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
	"github.com/kapso-ops/kapso-ops/clients/go/kapsoops"
)

func main() {
	addr := os.Getenv("KAPSO_OPS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:50051"
	}
	c, err := kapsoops.Dial(addr, kapsoops.WithTimeout(30*time.Second))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer c.Close()
	ov, err := c.Health.GetProjectOverview(context.Background(),
		&opsv1.GetProjectOverviewRequest{Period: opsv1.Period_PERIOD_24H})
	if err != nil {
		if e, ok := kapsoops.AsError(err); ok {
			fmt.Fprintf(os.Stderr, "GetProjectOverview failed: %v metadata=%v\n", e, e.Metadata())
		}
		os.Exit(1)
	}
	fmt.Println(protojson.MarshalOptions{Multiline: true, UseProtoNames: true}.Format(ov))
}
