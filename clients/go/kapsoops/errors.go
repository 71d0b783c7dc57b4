package kapsoops

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrorDomain is the ErrorInfo domain of every kapso-ops error.
const ErrorDomain = "ops.kapso.ai"

// FieldViolation is one BadRequest field violation.
type FieldViolation struct {
	Field       string
	Description string
}

// Error is a failed kapso-ops call with its google.rpc.Status details decoded.
// status.Code(err) and status.FromError(err) keep working on it.
type Error struct {
	status          *status.Status
	reason          string
	domain          string
	metadata        map[string]string
	retryDelay      time.Duration
	hasRetryDelay   bool
	fieldViolations []FieldViolation
}

// DecodeError turns a grpc call error into *Error (nil stays nil; an *Error is
// returned as is; an error that carries no gRPC status becomes codes.Unknown).
func DecodeError(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	st, _ := status.FromError(err)
	e = &Error{status: st, metadata: map[string]string{}}
	for _, d := range st.Details() {
		switch v := d.(type) {
		case *errdetails.ErrorInfo:
			e.reason, e.domain = v.GetReason(), v.GetDomain()
			for k, val := range v.GetMetadata() {
				e.metadata[k] = val
			}
		case *errdetails.RetryInfo:
			e.retryDelay, e.hasRetryDelay = v.GetRetryDelay().AsDuration(), true
		case *errdetails.BadRequest:
			for _, fv := range v.GetFieldViolations() {
				e.fieldViolations = append(e.fieldViolations, FieldViolation{fv.GetField(), fv.GetDescription()})
			}
		}
	}
	return e
}

// AsError decodes err and reports whether it is (or wraps) a gRPC status error:
// an *Error, or any error with a GRPCStatus method. It reports false for nil and
// for errors that did not come from a gRPC call.
func AsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	if _, ok := status.FromError(err); !ok || err == nil {
		return nil, false
	}
	errors.As(DecodeError(err), &e)
	return e, true
}

func (e *Error) Error() string {
	if e.reason != "" {
		return fmt.Sprintf("kapso-ops: %s: %s [%s]", e.status.Code(), e.status.Message(), e.reason)
	}
	return fmt.Sprintf("kapso-ops: %s: %s", e.status.Code(), e.status.Message())
}

// GRPCStatus lets status.FromError and status.Code see the original status.
func (e *Error) GRPCStatus() *status.Status { return e.status }

// Code is the gRPC status code.
func (e *Error) Code() codes.Code { return e.status.Code() }

// Message is the status message.
func (e *Error) Message() string { return e.status.Message() }

// Reason is the ErrorInfo reason, e.g. "KAPSO_NOT_FOUND"; "" without ErrorInfo.
func (e *Error) Reason() string { return e.reason }

// Domain is the ErrorInfo domain (ErrorDomain for kapso-ops).
func (e *Error) Domain() string { return e.domain }

// Metadata is the ErrorInfo metadata (http_status, kapso_method, kapso_path).
func (e *Error) Metadata() map[string]string { return e.metadata }

// HTTPStatus is Kapso's HTTP status when Kapso answered, else 0.
func (e *Error) HTTPStatus() int {
	n, _ := strconv.Atoi(e.metadata["http_status"])
	return n
}

// RetryDelay is the RetryInfo delay, 0 when the error carries none.
func (e *Error) RetryDelay() time.Duration { return e.retryDelay }

// HasRetryDelay reports whether the error carries RetryInfo.
func (e *Error) HasRetryDelay() bool { return e.hasRetryDelay }

// FieldViolations are the BadRequest field violations.
func (e *Error) FieldViolations() []FieldViolation { return e.fieldViolations }
