// Package kapsoops dials the kapso-ops gRPC service with the recommended
// service config (clients/service_config.json, embedded) and decodes the
// google.rpc.Status details of its errors into *Error.
//
//	c, err := kapsoops.Dial("127.0.0.1:50051", kapsoops.WithTimeout(10*time.Second))
//	if err != nil { ... }
//	defer c.Close()
//	ov, err := c.Health.GetProjectOverview(ctx, &opsv1.GetProjectOverviewRequest{})
//	if e, ok := kapsoops.AsError(err); ok && e.Reason() == "KAPSO_NOT_FOUND" { ... }
package kapsoops

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	_ "embed"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	opsv1 "github.com/kapso-ops/kapso-ops/clients/go/kapso/ops/v1"
)

// ServiceConfig is the recommended gRPC service config: retries of read
// methods on UNAVAILABLE (never of Create/Update/Delete/Test) and per-method
// timeouts. A copy of clients/service_config.json made by scripts/gen-clients.sh.
//
//go:embed service_config.json
var ServiceConfig string

type options struct {
	timeout       time.Duration
	tls           bool
	caFile        string
	serviceConfig string
	rawErrors     bool
	dialOptions   []grpc.DialOption
}

// Option configures Dial.
type Option func(*options)

// WithTimeout gives every call whose context has no deadline this one. Without
// it, the per-method timeouts of the service config apply.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithTLS dials with TLS, verifying the server against the system roots.
func WithTLS() Option { return func(o *options) { o.tls = true } }

// WithCAFile dials with TLS, verifying the server against the PEM roots in path.
func WithCAFile(path string) Option {
	return func(o *options) { o.tls = true; o.caFile = path }
}

// WithServiceConfig replaces the recommended service config (JSON).
func WithServiceConfig(json string) Option { return func(o *options) { o.serviceConfig = json } }

// WithRawErrors leaves call errors as grpc returns them instead of *Error.
func WithRawErrors() Option { return func(o *options) { o.rawErrors = true } }

// WithDialOptions appends grpc dial options.
func WithDialOptions(d ...grpc.DialOption) Option {
	return func(o *options) { o.dialOptions = append(o.dialOptions, d...) }
}

// Client holds the typed stubs of the four kapso.ops.v1 services on one connection.
type Client struct {
	Conn         *grpc.ClientConn
	Webhooks     opsv1.WebhooksClient
	MessageDebug opsv1.MessageDebugClient
	Triage       opsv1.TriageClient
	Health       opsv1.HealthClient
}

// Dial creates a client for target (host:port, or any grpc target). It does not
// wait for the connection; the first call does.
func Dial(target string, opts ...Option) (*Client, error) {
	o := options{serviceConfig: ServiceConfig}
	for _, opt := range opts {
		opt(&o)
	}
	creds := insecure.NewCredentials()
	if o.tls {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if o.caFile != "" {
			pem, err := os.ReadFile(o.caFile)
			if err != nil {
				return nil, fmt.Errorf("kapsoops: reading CA file: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("kapsoops: no PEM certificates in %s", o.caFile)
			}
			cfg.RootCAs = pool
		}
		creds = credentials.NewTLS(cfg)
	}
	dial := []grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultServiceConfig(o.serviceConfig),
		grpc.WithChainUnaryInterceptor(interceptor(o.timeout, !o.rawErrors)),
	}
	dial = append(dial, o.dialOptions...)
	conn, err := grpc.NewClient(target, dial...)
	if err != nil {
		return nil, fmt.Errorf("kapsoops: %w", err)
	}
	return &Client{
		Conn:         conn,
		Webhooks:     opsv1.NewWebhooksClient(conn),
		MessageDebug: opsv1.NewMessageDebugClient(conn),
		Triage:       opsv1.NewTriageClient(conn),
		Health:       opsv1.NewHealthClient(conn),
	}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.Conn.Close() }

func interceptor(timeout time.Duration, decode bool) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok && timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		err := invoker(ctx, method, req, reply, cc, callOpts...)
		if err != nil && decode {
			return DecodeError(err)
		}
		return err
	}
}
