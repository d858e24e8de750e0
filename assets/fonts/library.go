package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Library finds faces for the characters the bundled faces lack: the
// font files the user names (--font, font: in folio.yaml) first, in the
// order given, then the system's fonts (SystemDirs) in path order. Only
// TrueType outlines are used (a face with a glyf table): the PDF library
// embeds nothing else; a .ttc collection is split into its faces.
//
// The files are read on first need, once per Library, and each face's
// coverage kept; the font bytes of a face are kept once a document has
// used it. A Library is safe for concurrent use.
type Library struct {
	files, dirs []string

	once    sync.Once
	sources []*source
	skipped []string // files given by the user that cannot be used, and why
}

// source is one face of a font file.
type source struct {
	path   string
	index  int // face in a collection
	name   string
	psName string
	m      *metrics

	once sync.Once
	ttf  []byte
	err  error
}

// NewLibrary returns a library over the given font files and folders.
func NewLibrary(files, dirs []string) *Library {
	return &Library{files: slices.Clone(files), dirs: slices.Clone(dirs)}
}

// SystemDirs are the folders fonts are installed in on this system.
func SystemDirs() []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch runtime.GOOS {
	case "windows":
		if w := os.Getenv("WINDIR"); w != "" {
			dirs = append(dirs, filepath.Join(w, "Fonts"))
		}
		if l := os.Getenv("LOCALAPPDATA"); l != "" {
			dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		dirs = append(dirs, "/Library/Fonts", "/System/Library/Fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
		}
	}
	return dirs
}

// Problems are the user's font files that could not be used, with why.
func (lib *Library) Problems() []string {
	lib.load()
	return lib.skipped
}

func (lib *Library) load() {
	lib.once.Do(func() {
		for _, f := range lib.files {
			if err := lib.add(f); err != nil {
				lib.skipped = append(lib.skipped, fmt.Sprintf("%s: %v", f, err))
			}
		}
		for _, d := range lib.dirs {
			var paths []string
			filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
				if err == nil && e.Type().IsRegular() && fontFile(p) {
					paths = append(paths, p)
				}
				return nil
			})
			slices.Sort(paths)
			for _, p := range paths {
				lib.add(p) // a system font that cannot be used is passed over
			}
		}
	})
}

func fontFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".ttf", ".otf", ".ttc":
		return true
	}
	return false
}

// maxFontFile bounds a font file read (the largest CJK collections are
// about 40 MB).
const maxFontFile = 128 << 20

func readFontFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxFontFile {
		return nil, errors.New("not a regular file of at most 128 MB")
	}
	return os.ReadFile(path)
}

// add reads the faces of a font file.
func (lib *Library) add(path string) error {
	data, err := readFontFile(path)
	if err != nil {
		return err
	}
	faces, err := splitCollection(data)
	if err != nil {
		return err
	}
	added := 0
	var why error
	for i, ttf := range faces {
		if bytes.HasPrefix(ttf, []byte("OTTO")) {
			why = errors.New("CFF (PostScript) outlines, which the PDF library cannot embed; use a face with TrueType outlines")
			continue
		}
		tables, err := tableDirectory(ttf)
		if err != nil {
			why = err
			continue
		}
		if _, ok := tables["glyf"]; !ok {
			why = errors.New("no TrueType outlines (a CFF-outlined font cannot be embedded)")
			continue
		}
		m, err := readMetrics(ttf)
		if err != nil {
			why = err
			continue
		}
		lib.sources = append(lib.sources, &source{path: path, index: i, name: faceName(tables, path, i),
			psName: nameRecord(tables["name"], 6), m: m})
		added++
	}
	if added == 0 {
		if why == nil {
			why = errors.New("no usable face")
		}
		return why
	}
	return nil
}

// bytes are the face's own TrueType file, read again on first use.
func (s *source) bytes() ([]byte, error) {
	s.once.Do(func() {
		data, err := readFontFile(s.path)
		if err != nil {
			s.err = err
			return
		}
		faces, err := splitCollection(data)
		if err != nil || s.index >= len(faces) {
			s.err = fmt.Errorf("%s changed while in use", s.path)
			return
		}
		s.ttf = faces[s.index]
	})
	return s.ttf, s.err
}

// family is the name the face is registered under in a PDF: its
// PostScript name (what a PDF reader lists), made unique in the document
// by the face's place among those found.
func (s *source) family(i int) string {
	name := strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("[](){}<>/%#", r) {
			return r
		}
		return -1
	}, s.psName)
	if name == "" {
		name = "Fallback"
	}
	return fmt.Sprintf("%s-F%d", name, i+1)
}

func (s *source) has(r rune) bool {
	return r >= 0 && r < 0x10000 && s.m.covered[r>>6]&(1<<(uint(r)&63)) != 0
}

// Extra is a face the Library found for some characters of a document,
// cut down to them.
type Extra struct {
	Face *Face
	// Name names the face for a warning ("WenQuanYi Zen Hei (/usr/share/…)").
	Name  string
	Runes []rune
}

// Find picks a face for each of need (characters the bundled faces lack):
// the first face of the library that has it. Each face found comes back
// once, cut down to the characters it serves (see subset). Characters no
// face has are left out of the result.
func (lib *Library) Find(need []rune) ([]Extra, error) {
	if lib == nil || len(need) == 0 {
		return nil, nil
	}
	lib.load()
	var order []*source
	serves := map[*source][]rune{}
	for _, r := range need {
		for _, s := range lib.sources {
			if s.has(r) {
				if serves[s] == nil {
					order = append(order, s)
				}
				serves[s] = append(serves[s], r)
				break
			}
		}
	}
	var out []Extra
	for i, s := range order {
		ttf, err := s.bytes()
		if err != nil {
			return nil, err
		}
		runes := serves[s]
		keep := map[rune]bool{' ': true}
		for _, r := range runes {
			keep[r] = true
		}
		cut, err := subset(ttf, func(r rune) bool { return keep[r] })
		if err != nil {
			return nil, fmt.Errorf("%s: %v", s.path, err)
		}
		f := &Face{Family: s.family(i), ttf: cut}
		if _, err := readMetrics(cut); err != nil {
			return nil, fmt.Errorf("%s: %v", s.path, err)
		}
		out = append(out, Extra{Face: f, Name: s.name + " (" + s.path + ")", Runes: runes})
	}
	return out, nil
}

// splitCollection returns the faces of a font file: the file itself, or
// each face of a TrueType collection (.ttc) as a file of its own.
func splitCollection(data []byte) ([][]byte, error) {
	if len(data) < 12 || !bytes.Equal(data[:4], []byte("ttcf")) {
		return [][]byte{data}, nil
	}
	n := int(be32(data, 8))
	if n <= 0 || n > 256 || len(data) < 12+4*n {
		return nil, errors.New("bad font collection header")
	}
	var out [][]byte
	for i := range n {
		off := int(be32(data, 12+4*i))
		if off < 0 || off+12 > len(data) {
			return nil, errors.New("font collection offset out of bounds")
		}
		nt := int(be16(data, off+4))
		if off+12+16*nt > len(data) {
			return nil, errors.New("short table directory in collection")
		}
		tables := map[string][]byte{}
		for j := range nt {
			rec := data[off+12+16*j:]
			to, tl := int(be32(rec, 8)), int(be32(rec, 12))
			if to < 0 || tl < 0 || to+tl > len(data) {
				return nil, errors.New("table out of bounds in collection")
			}
			tables[string(rec[:4])] = data[to : to+tl]
		}
		out = append(out, assemble(tables))
	}
	return out, nil
}

// faceName is the face's full name from its name table (name id 4, in a
// Windows Unicode or Mac Roman record), else the file's base name.
func faceName(tables map[string][]byte, path string, index int) string {
	if n := nameRecord(tables["name"], 4); n != "" {
		return n
	}
	base := filepath.Base(path)
	if index > 0 {
		base += fmt.Sprintf(" #%d", index)
	}
	return base
}

func nameRecord(name []byte, id uint16) string {
	if len(name) < 6 {
		return ""
	}
	count, strOff := int(be16(name, 2)), int(be16(name, 4))
	var mac string
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		platform, encoding, nid := be16(name, rec), be16(name, rec+2), be16(name, rec+6)
		length, off := int(be16(name, rec+8)), int(be16(name, rec+10))
		if nid != id || strOff+off+length > len(name) {
			continue
		}
		raw := name[strOff+off : strOff+off+length]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10), platform == 0:
			var b strings.Builder
			for k := 0; k+1 < len(raw); k += 2 {
				b.WriteRune(rune(be16(raw, k)))
			}
			return b.String()
		case platform == 1 && encoding == 0 && mac == "":
			mac = string(raw)
		}
	}
	return mac
}

// CheckFile reports why a font file cannot serve as a fallback face, or nil.
func CheckFile(path string) error {
	return NewLibrary(nil, nil).add(path)
}
