package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"folio/pipeline"
)

// maxConfig is the largest config file read.
const maxConfig = 1 << 20

// applyConfig reads flag defaults from a YAML file: keys are the long flag
// names (to, out, paper, marking, jobs, exclude, meta, …) plus "inputs".
// Flags given on the command line win. Without --config, folio.yaml in the
// working directory is used when present. It returns the inputs the file
// lists.
func applyConfig(fset *pflag.FlagSet, path string) ([]string, error) {
	explicit := path != ""
	if !explicit {
		path = "folio.yaml"
	}
	// Through Folio's sandboxed opener, like every file it reads: a
	// folio.yaml that is a link out of its folder, a FIFO or a device is
	// refused, and one over 1 MiB is refused before it is read.
	b, err := pipeline.ReadFile(path, maxConfig)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("--config: %v", err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var inputs []string
	for key, val := range raw {
		if key == "inputs" {
			inputs, err = toStrings(val)
			if err != nil {
				return nil, fmt.Errorf("%s: inputs: %v", path, err)
			}
			continue
		}
		f := fset.Lookup(key)
		if f == nil || key == "config" || key == "help" || key == "version" {
			return nil, fmt.Errorf("%s: unknown setting %q (settings are the long flag names)", path, key)
		}
		if f.Changed {
			continue
		}
		if key == "meta" {
			if m, ok := val.(map[string]any); ok {
				for k, v := range m {
					if err := fset.Set("meta", fmt.Sprintf("%s=%v", k, v)); err != nil {
						return nil, err
					}
				}
				continue
			}
		}
		vals, err := toStrings(val)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, key, err)
		}
		if f.Value.Type() == "stringSlice" {
			vals = []string{strings.Join(vals, ",")}
		}
		for _, v := range vals {
			if err := fset.Set(key, v); err != nil {
				return nil, fmt.Errorf("%s: %s: %v", path, key, err)
			}
		}
		f.Changed = false // the command line may still override it
	}
	return inputs, nil
}

func toStrings(v any) ([]string, error) {
	switch v := v.(type) {
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out, nil
	case map[string]any:
		return nil, errors.New("want a value or a list")
	case nil:
		return nil, nil
	}
	return []string{fmt.Sprint(v)}, nil
}
