package validate

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	corev1 "k8s.io/api/core/v1"
)

var overlays = map[string][]string{
	"k8s": {
		"ConfigMap/kapso-ops-config", "Deployment/kapso-ops",
		"HorizontalPodAutoscaler/kapso-ops", "Namespace/kapso-ops",
		"PodDisruptionBudget/kapso-ops", "PrometheusRule/kapso-ops",
		"Service/kapso-ops", "ServiceAccount/kapso-ops", "ServiceMonitor/kapso-ops",
	},
	"mesh/istio": {
		"AuthorizationPolicy/kapso-ops", "DestinationRule/kapso-ops",
		"PeerAuthentication/kapso-ops", "ServiceEntry/kapso-api",
		"VirtualService/kapso-ops",
	},
}

func render(t *testing.T, overlay string) []Object {
	t.Helper()
	objs, err := Render(filepath.Join("..", overlay))
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// Every object of each overlay renders and decodes strictly, and the overlay
// renders exactly the objects it should (the Istio overlay: the base's too).
func TestOverlaysRenderAndDecodeStrictly(t *testing.T) {
	for overlay := range overlays {
		t.Run(overlay, func(t *testing.T) {
			want := append([]string{}, overlays["k8s"]...)
			if overlay != "k8s" {
				want = append(want, overlays[overlay]...)
			}
			var got []string
			for _, o := range render(t, overlay) {
				if _, err := Decode(o); err != nil {
					t.Error(err)
				}
				got = append(got, o.Kind+"/"+o.Name)
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("rendered %v, want %v", got, want)
			}
		})
	}
}

// The decoder really is strict: an unknown field, at the top of the object
// or inside its spec (Istio specs included), fails every kind.
func TestUnknownFieldsFailEveryKind(t *testing.T) {
	for _, o := range render(t, "mesh/istio") {
		for _, where := range []string{"", "spec"} {
			var m map[string]any
			if err := json.Unmarshal(o.JSON, &m); err != nil {
				t.Fatal(err)
			}
			target := m
			if where != "" {
				spec, ok := m[where].(map[string]any)
				if !ok {
					continue // ConfigMap, Namespace, ServiceAccount: no spec
				}
				target = spec
			}
			target["notAField"] = true
			data, _ := json.Marshal(m)
			if _, err := Decode(Object{o.APIVersion, o.Kind, o.Name, data}); err == nil {
				t.Errorf("%s/%s: unknown field in %q decoded without error", o.Kind, o.Name, where)
			}
		}
	}
}

// The ServiceMonitor scrapes the Service's metrics port by name, selects the
// Service by its labels, and lives where Prometheus can find the Service.
func TestServiceMonitorSelectsTheMetricsPort(t *testing.T) {
	var svc *corev1.Service
	var sm *monitoringv1.ServiceMonitor
	for _, o := range render(t, "k8s") {
		obj, err := Decode(o)
		if err != nil {
			t.Fatal(err)
		}
		switch v := obj.(type) {
		case *corev1.Service:
			svc = v
		case *monitoringv1.ServiceMonitor:
			sm = v
		}
	}
	if svc == nil || sm == nil {
		t.Fatal("no Service or no ServiceMonitor rendered")
	}
	for k, v := range sm.Spec.Selector.MatchLabels {
		if svc.Labels[k] != v {
			t.Errorf("ServiceMonitor selects %s=%s; the Service has %q", k, v, svc.Labels[k])
		}
	}
	if len(sm.Spec.Selector.MatchLabels) == 0 {
		t.Error("ServiceMonitor selects every Service")
	}
	if sm.Namespace != svc.Namespace {
		t.Errorf("ServiceMonitor in %q, Service in %q", sm.Namespace, svc.Namespace)
	}
	ports := map[string]bool{}
	for _, p := range svc.Spec.Ports {
		ports[p.Name] = true
	}
	if len(sm.Spec.Endpoints) == 0 {
		t.Fatal("ServiceMonitor has no endpoints")
	}
	for _, e := range sm.Spec.Endpoints {
		if !ports[e.Port] || e.Path != "/metrics" {
			t.Errorf("endpoint port %q path %q: the Service's ports are %v", e.Port, e.Path, ports)
		}
	}
}
