// Package validate renders the deploy/ kustomizations with kustomize itself
// and decodes every rendered object strictly into its official Go type, so a
// misspelt or misplaced field fails here instead of at `kubectl apply`.
package validate

import (
	"fmt"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// Object is one rendered manifest: its kind, name and JSON.
type Object struct {
	APIVersion, Kind, Name string
	JSON                   []byte
}

// Render runs `kustomize build DIR` (the same krusty engine as the
// kustomize v5 binary, default options) and returns its objects in order.
func Render(dir string) ([]Object, error) {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resMap, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	var out []Object
	for _, r := range resMap.Resources() {
		data, err := r.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.CurId(), err)
		}
		out = append(out, Object{r.GetApiVersion(), r.GetKind(), r.GetName(), data})
	}
	return out, nil
}
