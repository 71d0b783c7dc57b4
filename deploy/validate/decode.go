package validate

import (
	"encoding/json"
	"fmt"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	istionet "istio.io/client-go/pkg/apis/networking/v1beta1"
	istiosec "istio.io/client-go/pkg/apis/security/v1beta1"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
)

// decoder is strict: an unknown or duplicated field is an error, and so is a
// kind no registered group knows.
var decoder = func() runtime.Decoder {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, policyv1.AddToScheme,
		autoscalingv2.AddToScheme, istionet.AddToScheme, istiosec.AddToScheme,
		monitoringv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
}()

// Decode decodes one rendered object into its official type. Istio's
// generated JSON shims accept unknown fields (jsonpb AllowUnknownFields), so
// an Istio object's spec is decoded a second time with protojson, which does
// not.
func Decode(o Object) (runtime.Object, error) {
	obj, _, err := decoder.Decode(o.JSON, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", o.Kind, o.Name, err)
	}
	if spec := istioSpec(obj); spec != nil {
		var raw struct{ Spec json.RawMessage }
		if err := json.Unmarshal(o.JSON, &raw); err != nil {
			return nil, err
		}
		if err := protojson.Unmarshal(raw.Spec, spec); err != nil {
			return nil, fmt.Errorf("%s %s: spec: %w", o.Kind, o.Name, err)
		}
	}
	return obj, nil
}

// istioSpec returns an empty message of an Istio object's spec type, or nil.
func istioSpec(obj runtime.Object) proto.Message {
	switch o := obj.(type) {
	case *istionet.DestinationRule:
		return o.Spec.ProtoReflect().New().Interface()
	case *istionet.VirtualService:
		return o.Spec.ProtoReflect().New().Interface()
	case *istionet.ServiceEntry:
		return o.Spec.ProtoReflect().New().Interface()
	case *istiosec.PeerAuthentication:
		return o.Spec.ProtoReflect().New().Interface()
	case *istiosec.AuthorizationPolicy:
		return o.Spec.ProtoReflect().New().Interface()
	}
	return nil
}
