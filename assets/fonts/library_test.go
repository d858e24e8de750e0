package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLibraryPrefersTheUsersFontsAndSplitsCollections(t *testing.T) {
	dir := t.TempDir()
	serif, sans := Get(Serif, Regular).ttf, Get(Fallback, Regular).ttf
	// A collection of two faces: Liberation Serif, then DejaVu Sans.
	ttc := collection(serif, sans)
	coll := filepath.Join(dir, "two.ttc")
	if err := os.WriteFile(coll, ttc, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(coll); err != nil {
		t.Fatalf("CheckFile(collection): %v", err)
	}
	lib := NewLibrary([]string{coll}, nil)
	// Hebrew alef: Liberation Serif has it and comes first.
	found, err := lib.Find([]rune{'א', '⌘'})
	if err != nil || len(found) == 0 {
		t.Fatalf("Find: %v %v", found, err)
	}
	if !strings.Contains(found[0].Name, "Liberation Serif") || found[0].Runes[0] != 'א' || !found[0].Face.Has('א') {
		t.Errorf("first face %q serves %q; want Liberation Serif for alef", found[0].Name, found[0].Runes)
	}
	if found[0].Face.Has('B') {
		t.Errorf("the face is not cut down to the characters it serves")
	}
}

func TestCheckFileRefusesWhatCannotBeEmbedded(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.ttf")
	os.WriteFile(junk, []byte("not a font at all"), 0o644)
	cff := filepath.Join(dir, "cff.otf")
	os.WriteFile(cff, otto(), 0o644)
	for _, p := range []string{junk, cff, filepath.Join(dir, "missing.ttf")} {
		if err := CheckFile(p); err == nil {
			t.Errorf("CheckFile(%s) accepted it", filepath.Base(p))
		}
	}
	if err := CheckFile(cff); err == nil || !strings.Contains(err.Error(), "CFF") {
		t.Errorf("CheckFile(cff.otf) = %v, want it to name CFF outlines", err)
	}
}

// collection wraps whole TrueType files as a .ttc whose faces share
// nothing: each face's table offsets are moved to where its file lands.
func collection(faces ...[]byte) []byte {
	head := 12 + 4*len(faces)
	out := make([]byte, head)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(faces)))
	for i, f := range faces {
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		g := append([]byte(nil), f...)
		n := int(binary.BigEndian.Uint16(g[4:]))
		for j := range n {
			rec := g[12+16*j:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(base))
		}
		out = append(out, g...)
	}
	return out
}

// otto is the start of a CFF-outlined OpenType file: no glyf table.
func otto() []byte {
	b := make([]byte, 12+16)
	copy(b, "OTTO")
	binary.BigEndian.PutUint16(b[4:], 1)
	copy(b[12:], "CFF ")
	return b
}
