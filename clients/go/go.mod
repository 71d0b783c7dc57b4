module github.com/kapso-ops/kapso-ops/clients/go

// The minimum the code needs: iter.Seq2 (Go 1.23) and a grpc whose go.mod asks for
// no newer Go. Consumers on newer grpc/protobuf get theirs (minimum version selection).
go 1.23.0

require (
	google.golang.org/genproto/googleapis/rpc v0.0.0-20250528174236-200df99c418a
	google.golang.org/grpc v1.74.2
	google.golang.org/protobuf v1.36.12
)

require (
	golang.org/x/net v0.40.0 // indirect
	golang.org/x/sys v0.33.0 // indirect
	golang.org/x/text v0.25.0 // indirect
)
