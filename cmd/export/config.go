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
// names (to, out, paper, marking, jobs, exclude, meta, …) plus "inputs"
// and "warnings" (a map of code to level, as --warning CODE=LEVEL).
// Flags given on the command line win. Without --config, folio.yaml in the
// working directory is used when present. It returns the inputs the file
// lists.
//
// Keys and meta pairs are applied in the order the file writes them (a
// YAML map would come back in random order, and "author" against
// "authors" would then give different books on different runs); an error
// names the file's line, and an unknown key the setting it may mean.
func applyConfig(fset *pflag.FlagSet, path string) ([]string, origins, error) {
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
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("--config: %v", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, nil, fmt.Errorf("%s:%v", path, strings.TrimPrefix(err.Error(), "yaml: line "))
	}
	if len(root.Content) == 0 {
		return nil, nil, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: want settings as key: value lines", path, doc.Line)
	}
	var inputs []string
	from := origins{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value == "inputs" {
			if inputs, err = scalars(v); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: inputs: %v", path, k.Line, err)
			}
			continue
		}
		applied, err := applySetting(fset, path, k, v)
		if err != nil {
			return nil, nil, err
		}
		if applied {
			from[fset.Lookup(settingFlag(k.Value)).Name] = fmt.Sprintf("%s:%d", path, k.Line)
		}
	}
	return inputs, from, nil
}

// origins are the file:line each flag set from the config file came from.
type origins map[string]string

// explain puts the config file's line before an error about a flag whose
// value came from the file: a bad "paper: a3" is reported at its line.
func (o origins) explain(fset *pflag.FlagSet, err error) error {
	msg := err.Error()
	for name, at := range o {
		f := fset.Lookup(name)
		for _, prefix := range []string{"--" + name + " ", "--" + name + ":", "-" + f.Shorthand + " "} {
			if prefix != "- " && strings.HasPrefix(msg, prefix) {
				return fmt.Errorf("%s: %w", at, err)
			}
		}
	}
	return err
}

// settingFlag is the flag a config key sets.
func settingFlag(key string) string {
	if key == "warnings" {
		return "warning"
	}
	return key
}

// notSettings are flags a config file cannot set.
var notSettings = map[string]bool{"config": true, "help": true, "version": true}

// applySetting sets the flag a config key names, unless the command line
// gave it; it reports whether it did.
func applySetting(fset *pflag.FlagSet, path string, k, v *yaml.Node) (bool, error) {
	key := k.Value
	at := fmt.Sprintf("%s:%d: %s", path, k.Line, key)
	name := settingFlag(key)
	f := fset.Lookup(name)
	if f == nil || notSettings[key] {
		msg := fmt.Sprintf("%s: unknown setting (settings are the long flag names, inputs and warnings)", at)
		if s := suggest(fset, key); s != "" {
			msg = fmt.Sprintf("%s: unknown setting; did you mean %s?", at, s)
		}
		return false, errors.New(msg)
	}
	if f.Changed {
		return false, nil
	}
	var vals []string
	switch {
	case (key == "meta" || key == "warnings") && v.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			one, err := scalars(v.Content[i+1])
			if err != nil {
				return false, fmt.Errorf("%s:%d: %s: %v", path, v.Content[i].Line, v.Content[i].Value, err)
			}
			vals = append(vals, v.Content[i].Value+"="+strings.Join(one, ", "))
		}
	default:
		var err error
		if vals, err = scalars(v); err != nil {
			return false, fmt.Errorf("%s: %v", at, err)
		}
		if f.Value.Type() == "stringSlice" {
			vals = []string{strings.Join(vals, ",")}
		}
	}
	for _, val := range vals {
		if err := fset.Set(name, val); err != nil {
			return false, fmt.Errorf("%s: %v", at, err)
		}
	}
	f.Changed = false // the command line may still override it
	return true, nil
}

// scalars reads a value or a list of values.
func scalars(v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, nil
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		var out []string
		for _, x := range v.Content {
			if x.Kind != yaml.ScalarNode {
				return nil, errors.New("want a value or a list of values")
			}
			out = append(out, x.Value)
		}
		return out, nil
	}
	return nil, errors.New("want a value or a list of values")
}

// suggest is the setting closest to an unknown key, if one is close.
func suggest(fset *pflag.FlagSet, key string) string {
	best, bestD := "", 3
	try := func(name string) {
		if notSettings[name] {
			return
		}
		if d := editDistance(strings.ToLower(key), name); d < bestD {
			best, bestD = name, d
		}
	}
	fset.VisitAll(func(f *pflag.Flag) { try(f.Name) })
	try("inputs")
	try("warnings")
	try("output")
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
