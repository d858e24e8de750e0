package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"folio/internal/epubzip"
	"folio/internal/shared"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"folio/internal/checktool"
	"folio/internal/raceflag"
	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

const badDir = "../testdata/bad"

// badCase is one line of testdata/bad/EXPECT.
type badCase struct {
	file    string // in testdata/bad, or gen:NAME
	outcome string // E, W, R or S
	codes   []string
	lossy   bool
	unsafe  bool          // --unsafe-html: the HTML output keeps what it is given; the EPUB still never carries a script
	within  time.Duration // a generous time bound for the whole conversion, 0 for the catalogue's deadline
	json    bool          // read as a JSON tree (-f json)
	blocked string        // blocked=FORMAT: that format's previous output is a folder, so its rename fails (r12)
	line    int
}

func (c badCase) name() string {
	n := strings.TrimSuffix(strings.TrimPrefix(c.file, "gen:"), ".md")
	if c.lossy {
		n += "+lossy"
	}
	return n
}

func readExpect(t *testing.T) []badCase {
	f, err := os.Open(filepath.Join(badDir, "EXPECT"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []badCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) < 3 || !strings.Contains("EWRS", fields[1]) {
			t.Fatalf("EXPECT:%d: want CASE OUTCOME CODES [OPTIONS]: %q", n, sc.Text())
		}
		c := badCase{file: fields[0], outcome: fields[1], line: n}
		if fields[2] != "-" {
			c.codes = strings.Split(fields[2], "|")
		}
		for _, opt := range fields[3:] {
			switch opt {
			case "lossy":
				c.lossy = true
			case "unsafe-html":
				c.unsafe = true
			case "json":
				c.json = true
			default:
				if f, ok := strings.CutPrefix(opt, "blocked="); ok && outputs[f].ext != "" {
					c.blocked = f
					continue
				}
				if d, ok := strings.CutPrefix(opt, "within="); ok {
					var err error
					if c.within, err = time.ParseDuration(d); err == nil {
						continue
					}
				}
				t.Fatalf("EXPECT:%d: unknown option %q", n, opt)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// genCases writes the inputs too big, too repetitive or too special to
// commit. Sizes shrink under -race for the cases that succeed (their cost
// is linear but large); refused cases keep their full size.
func genCases() map[string]func() string {
	scale := 1
	if raceflag.Enabled {
		scale = 10
	}
	rep := strings.Repeat
	return map[string]func() string{
		"b09-3mib":         func() string { return "# Big\n\n" + rep("All work and no play. ", 3<<20/22+1) },
		"b11-quotes-50000": func() string { return rep("> ", 50_000) + "deep" },
		"b12-list-1000":    func() string { return listLines(1000) },
		"b13-brackets":     func() string { return rep("[", 50_000/scale) + "a" + rep("]", 50_000/scale) },
		"b14-emphasis-65000": func() string {
			n := 65_000 / scale
			return rep("*a **a ", n) + "b" + rep(" a** a*", n)
		},
		"b15-mismatched":  func() string { return rep("*a_ ", 50_000) },
		"b16-links":       func() string { return rep("[a](b", 50_000) },
		"b16-angle-links": func() string { return rep("[a](<b", 50_000) },
		"b17-star-list":   func() string { return rep("* ", 50_000) + "a" },
		"b17-empty-links": func() string { return rep("[](", 20_000) },
		"b17-mix-20000":   func() string { return rep("*a [b](c `d` <e> **f** ", 20_000/scale) },
		"b18-link-refs":   func() string { return linkRefs(20_000) },
		"b19-table-3000":  func() string { return "|" + rep(" a |", 3000) + "\n|" + rep("-|", 3000) + "\n" + rep("| x |\n", 3000) },
		"b20-table-rows":  func() string { return "| a | b | c |\n|---|---|---|\n" + rep("| 1 | 2 | 3 |\n", 100_000/scale) },
		"b21-footnotes":   func() string { return footnotes(20_000) },
		"b23-front-matter-2mb": func() string {
			var b strings.Builder
			b.WriteString("---\n")
			for i := 0; b.Len() < 2_000_000; i++ {
				fmt.Fprintf(&b, "k%d: v\n", i)
			}
			return b.String() + "---\n# Body\n"
		},
		"b24-front-matter-deep": func() string {
			return "---\ntitle: deep\nx: " + rep("[", 20_000) + rep("]", 20_000) + "\n---\n# Body\n"
		},
		// Red-team cases (issue 17).
		"r01-heading-ids-20000": func() string { return rep("# a\n\n", 20_000) },
		"r09-toml-inline-tables": func() string {
			return "+++\ntitle = 'deep'\na = " + rep("{b=", 16_000) + "1" + rep("}", 16_000) + "\n+++\n# Body\n"
		},
		"r10-a-b-star-400k": func() string { return "# T\n\n" + rep("a_b*c ", 400_000/6) },
		"r10-prose-x-y-z-w": func() string { return "# T\n\n" + rep("x_y z*w ", 400_000/8) },
		"b40-same-image-10000": func() string {
			return "# Same image\n\n![gone](missing.png)\n\n" + rep("![dot](pixel.png) ", 10_000) + "\n"
		},
		"r05-same-image-1000": func() string { return "# Same photo\n\n" + rep("![photo](noise.png)\n\n", 1000) },
		"r06-spellings": func() string {
			var b strings.Builder
			b.WriteString("# One image, many spellings\n\n![a](deep.png) ![b](./deep.png) ![c](sub/../deep.png)\n\n")
			for i := range 300 {
				fmt.Fprintf(&b, "![s%d](deep.png?%d) ", i, i)
			}
			return b.String() + "\n"
		},
		"r08-json-bomb":    func() string { return treeWithResource(pngWithHeader(100_000, 100_000, 0), true) },
		"r08-json-garbage": func() string { return treeWithResource([]byte("<html><script>alert(1)</script></html>"), false) },
		// r20: the version as a string, and a hand-written tree whose nodes
		// carry no position (its warnings were put on "-:").
		"r20-version-string": func() string { return `{"folio":"1","blocks":[]}` },
		"r20-js-link": func() string {
			return `{"folio": 1, "meta": {"title": "links"}, "blocks": [{"type": "Paragraph", "content": [` +
				`{"type": "Link", "url": "javascript:alert(1)", "content": [{"type": "Text", "value": "x"}]}, ` +
				`{"type": "Image", "src": "file:///etc/passwd", "alt": "p"}, {"type": "Image", "src": "../../etc/passwd", "alt": "q"}]}]}`
		},
	}
}

// treeWithResource is a JSON tree whose one figure (and cover, if cover)
// refers to a resource it carries, labelled a PNG whatever data is.
func treeWithResource(data []byte, cover bool) string {
	coverRef := ""
	if cover {
		coverRef = `, "coverRef": "../../x.png"`
	}
	return `{"folio": 1, "meta": {"title": "Carried resource"` + coverRef + `},
  "blocks": [{"type": "Figure", "alt": "carried", "ref": "../../x.png", "pos": {"line": 3}}],
  "resources": [{"name": "../../x.png", "mediaType": "image/png", "width": 4, "height": 4, "data": "` +
		base64.StdEncoding.EncodeToString(data) + `"}]}
`
}

func listLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s- x\n", strings.Repeat("  ", i))
	}
	return b.String()
}

func linkRefs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[r%d]: https://example.org/%d\n", i, i)
	}
	return b.String()
}

func footnotes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Note[^n%d].\n\n[^n%d]: text %d\n\n", i, i, i)
	}
	return b.String()
}

// pngWithHeader is a PNG whose IHDR claims w×h pixels of the given colour
// type, followed by a tiny IDAT: a decompression bomb as far as a decoder
// that trusts the header is concerned.
func pngWithHeader(w, h uint32, colorType byte) []byte {
	chunk := func(typ string, data []byte) []byte {
		var b bytes.Buffer
		binary := func(v uint32) { b.Write([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}) }
		binary(uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary(crc32.ChecksumIEEE(append([]byte(typ), data...)))
		return b.Bytes()
	}
	ihdr := []byte{byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w), byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h), 8, colorType, 0, 0, 0}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	out.Write(chunk("IHDR", ihdr))
	out.Write(chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}))
	out.Write(chunk("IEND", nil))
	return out.Bytes()
}

// setupSpecial creates the files a case refers to that cannot be
// committed: symlinks out of the root, a FIFO, bombs, truncated and odd
// images.
func setupSpecial(t *testing.T, name, root, outside string) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	switch name {
	case "b32-symlinks":
		must(os.Symlink("/etc/passwd", filepath.Join(root, "passwd-link.png")))
		must(os.Symlink("../outside/tripwire.png", filepath.Join(root, "secret-link.png")))
	case "b33-special-files":
		must(syscall.Mkfifo(filepath.Join(root, "fifo.png"), 0o644))
		must(os.Symlink("/dev/zero", filepath.Join(root, "zero.png")))
	case "b36-bombs":
		must(os.WriteFile(filepath.Join(root, "bomb.png"), pngWithHeader(20000, 20000, 0), 0o644))
		must(os.WriteFile(filepath.Join(root, "rgba-bomb.png"), pngWithHeader(8000, 8000, 6), 0o644))
	case "b37-truncated":
		full := testPNG(t, 16, 16)
		must(os.WriteFile(filepath.Join(root, "truncated.png"), full[:len(full)/2], 0o644))
		jpg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43\x00")
		must(os.WriteFile(filepath.Join(root, "truncated.jpg"), jpg, 0o644))
	case "r02-sidecar-link":
		must(os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("title: SECRET-TOKEN sk-live-1234\n"), 0o644))
		must(os.Symlink("../outside/secret.yaml", filepath.Join(root, name+".meta.yaml")))
	case "r03-sidecar-zero":
		must(os.Symlink("/dev/zero", filepath.Join(root, name+".meta.yaml")))
	case "r04-sidecar-fifo":
		must(syscall.Mkfifo(filepath.Join(root, name+".meta.yaml"), 0o644))
	case "r04-input-fifo":
		must(os.Remove(filepath.Join(root, name+".md")))
		must(syscall.Mkfifo(filepath.Join(root, name+".md"), 0o644))
	case "r05-same-image-1000":
		must(os.WriteFile(filepath.Join(root, "noise.png"), testPNG(t, 120, 120), 0o644))
	case "r06-spellings":
		// 3000×3000 16-bit: 72 MB decoded, read and checked once however
		// it is spelled (303 spellings each decoded took over a minute).
		must(os.MkdirAll(filepath.Join(root, "sub"), 0o755))
		var b bytes.Buffer
		must(png.Encode(&b, image.NewNRGBA64(image.Rect(0, 0, 3000, 3000))))
		must(os.WriteFile(filepath.Join(root, "deep.png"), b.Bytes(), 0o644))
	case "r17-same-pixels":
		img8 := image.NewNRGBA(image.Rect(0, 0, 5, 4))
		img16 := image.NewNRGBA64(image.Rect(0, 0, 5, 4))
		for i := range 20 {
			c := color.NRGBA{uint8(50 * (i % 5)), uint8(60 * (i / 5)), 90, 100}
			img8.Set(i%5, i/5, c)
			img16.Set(i%5, i/5, c)
		}
		for f, img := range map[string]image.Image{"same-8.png": img8, "same-16.png": img16} {
			var b bytes.Buffer
			must(png.Encode(&b, img))
			must(os.WriteFile(filepath.Join(root, f), b.Bytes(), 0o644))
		}
	case "r22-big-valid":
		// 6500×6500 = 42.25 MP: over the PDF writer's old 40 Mi px, under
		// the gate's 50 MP.
		var b bytes.Buffer
		must(png.Encode(&b, image.NewGray(image.Rect(0, 0, 6500, 6500))))
		must(os.WriteFile(filepath.Join(root, "big-42mp.png"), b.Bytes(), 0o644))
	case "r16-five-bad-images":
		must(os.WriteFile(filepath.Join(root, "r16-page.png"), []byte("<html><body>a web page saved as .png</body></html>"), 0o644))
		must(os.WriteFile(filepath.Join(root, "r16-text.png"), []byte("plain text, not an image either"), 0o644))
		must(os.WriteFile(filepath.Join(root, "r16.webp"), []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"+strings.Repeat("\x00", 24)), 0o644))
	case "b38-formats":
		var b16 bytes.Buffer
		img := image.NewGray16(image.Rect(0, 0, 8, 8))
		img.SetGray16(1, 1, color.Gray16{Y: 0x1234})
		must(png.Encode(&b16, img))
		must(os.WriteFile(filepath.Join(root, "deep16.png"), b16.Bytes(), 0o644))
		// Go's encoder never interlaces; an Adam7 file is still decoded
		// by image/png, so a plain PNG stands in for the embed path.
		must(os.WriteFile(filepath.Join(root, "interlaced.png"), testPNG(t, 9, 7), 0o644))
		must(os.WriteFile(filepath.Join(root, "image.webp"), []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"+strings.Repeat("\x00", 24)), 0o644))
		must(os.WriteFile(filepath.Join(root, "image.tiff"), []byte("II*\x00\x08\x00\x00\x00\x00\x00"), 0o644))
	}
}

// failsOnlyInSetup are the cases whose error comes from what setupSpecial
// makes (a sidecar link or FIFO): read from testdata/bad alone they
// succeed.
var failsOnlyInSetup = map[string]bool{"r02-sidecar-link": true, "r03-sidecar-zero": true, "r04-sidecar-fifo": true, "r04-input-fifo": true, "r12-partial-commit": true}

func testPNG(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// epubChecked are the cases whose EPUB also goes through EPUBCheck (a JVM
// start each: a representative subset, not all).
var epubChecked = map[string]bool{"b06-controls": true, "b25-title": true, "b42-ids": true, "r07-unsafe-html": true, "r15-date-year-10000": true}

var allFormats = []string{"json", "html", "pdf", "epub"}

// TestBadInputCatalogue runs every case of testdata/bad/EXPECT through the
// real pipeline to all four formats and checks its outcome; for every
// case: no panic (an internal-error fails it), no hang (a deadline), no
// file outside the root read (the resolver's record of reads, and the
// tripwire image's name absent from the outputs), no network (a local
// listener the inputs point at counts connections), and valid outputs
// (EPUB XML well-formed without XML-illegal characters, qpdf --check,
// JSON parses, no script or javascript: link anywhere).
func TestBadInputCatalogue(t *testing.T) {
	cases := readExpect(t)
	gens := genCases()
	seen := map[string]bool{}
	for _, c := range cases {
		if _, ok := gens[strings.TrimPrefix(c.file, "gen:")]; strings.HasPrefix(c.file, "gen:") && !ok {
			t.Fatalf("EXPECT:%d: no generator for %s", c.line, c.file)
		}
		seen[c.file] = true
	}
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Errorf("testdata/bad holds %d files, want at least 40", len(entries))
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && e.Name() != "README.md" && !seen[e.Name()] {
			t.Errorf("%s has no line in EXPECT", e.Name())
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()

	qpdf := checktool.QPDF.Find()
	if qpdf == nil && checktool.InCI() {
		t.Fatal("qpdf is required under CI=true")
	}
	deadline := 60 * time.Second
	if raceflag.Enabled {
		deadline = 3 * time.Minute
	}
	jsonOut := map[string][]byte{}
	var epubs []string
	keep := t.TempDir()
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "root")
			outside := filepath.Join(base, "outside")
			out := filepath.Join(base, "out")
			for _, d := range []string{root, outside, out} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			tripwire := testPNG(t, 3, 3)
			tripSum := sha256.Sum256(tripwire)
			tripName := "img-" + hex.EncodeToString(tripSum[:6])
			writeBytes(t, filepath.Join(outside, "tripwire.png"), tripwire)
			for _, e := range entries {
				if !strings.HasSuffix(e.Name(), ".md") && e.Name() != "EXPECT" && e.Name() != "ELSEWHERE" {
					b, _ := os.ReadFile(filepath.Join(badDir, e.Name()))
					writeBytes(t, filepath.Join(root, e.Name()), b)
				}
			}
			var src []byte
			stemName := strings.TrimSuffix(c.name(), "+lossy")
			if gen, ok := gens[strings.TrimPrefix(c.file, "gen:")]; ok && strings.HasPrefix(c.file, "gen:") {
				src = []byte(gen())
			} else {
				b, err := os.ReadFile(filepath.Join(badDir, c.file))
				if err != nil {
					t.Fatal(err)
				}
				src = bytes.ReplaceAll(b, []byte("LISTENER"), []byte(ln.Addr().String()))
			}
			in := filepath.Join(root, stemName+".md")
			writeBytes(t, in, src)
			setupSpecial(t, stemName, root, outside)

			// Previous outputs, which a failure must leave alone; the
			// HTML one is a symlink to a file outside the output folder,
			// which a success must replace, not write through (B43).
			victim := filepath.Join(outside, "victim.html")
			writeBytes(t, victim, []byte("victim"))
			for _, f := range allFormats {
				p := filepath.Join(out, stemName+outputs[f].ext)
				if f == c.blocked {
					if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if f == "html" {
					if err := os.Symlink(victim, p); err != nil {
						t.Fatal(err)
					}
					continue
				}
				writeBytes(t, p, []byte("previous "+f))
			}

			o := &Options{Formats: allFormats, Lossy: c.lossy, UnsafeHTML: c.unsafe, SourceDate: time.Unix(1700000000, 0).UTC()}
			if c.json {
				o.From = "json"
			}
			start := time.Now()
			done := make(chan *Result, 1)
			go func() { done <- Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, stemName)}, o) }()
			var res *Result
			select {
			case res = <-done:
			case <-time.After(deadline):
				t.Fatalf("no result after %v: a hang", deadline)
			}
			if within := c.within * time.Duration(max(1, 5*btoi(raceflag.Enabled))); c.within > 0 && time.Since(start) > within {
				t.Errorf("took %v, want at most %v", time.Since(start), within)
			}
			elapsed := time.Since(start)
			if b, _ := os.ReadFile(victim); string(b) != "victim" {
				t.Errorf("the file behind the output symlink was written: %q", b)
			}
			var de *doc.Error
			if errors.As(res.Err, &de) && de.Code == "internal-error" {
				t.Fatalf("panic: %v", res.Err)
			}
			for dep, sum := range res.Deps {
				if !strings.HasPrefix(dep, root+string(filepath.Separator)) {
					t.Errorf("read outside the root: %s", dep)
				}
				if sum == "" {
					continue // looked for, missing: nothing was read
				}
				real, err := filepath.EvalSymlinks(dep)
				if err != nil || !strings.HasPrefix(real, root) {
					t.Errorf("read %s, which is really %s (%v)", dep, real, err)
				}
			}

			if c.outcome == "E" {
				checkRefused(t, c, res, in, out, stemName)
				assertNoTemps(t, out)
				if check := caseChecks[c.name()]; check != nil {
					check(t, res, elapsed)
				}
				return
			}
			if res.Err != nil {
				t.Fatalf("err = %v, want success (%s)", res.Err, c.outcome)
			}
			if len(c.codes) > 0 {
				w, ok := findWarning(res.Warnings, c.codes)
				if !ok {
					t.Errorf("warnings %v lack %v", codesOf(res.Warnings), c.codes)
				} else if w.Pos.File != in || w.Pos.Line == 0 && !c.json {
					// (A JSON tree's nodes need not carry a line, but
					// their warnings name the tree's file: r20.)
					t.Errorf("warning %v does not name %s:line", w, in)
				}
			}
			if fi, err := os.Lstat(filepath.Join(out, stemName+".html")); err != nil || !fi.Mode().IsRegular() {
				t.Errorf("html output is not a regular file after the run: %v", err)
			}
			for _, o := range res.Outputs {
				b, err := os.ReadFile(o.Path)
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte(tripName)) {
					t.Errorf("%s embeds the tripwire image from outside the root", o.Path)
				}
				if !(c.unsafe && o.Format == "html") {
					checkOutput(t, o.Format, o.Path, b, qpdf)
				}
				if o.Format == "json" {
					jsonOut[c.name()] = b
				}
				if o.Format == "epub" && epubChecked[c.name()] {
					p := filepath.Join(keep, c.name()+".epub")
					writeBytes(t, p, b)
					epubs = append(epubs, p)
				}
			}
			if len(res.Outputs) != len(allFormats) {
				t.Errorf("outputs %v, want all four", res.Outputs)
			}
			assertNoTemps(t, out)
			if check := caseChecks[c.name()]; check != nil {
				check(t, res, elapsed)
			}
			if c.name() == "b40-same-image-10000" {
				var tree struct{ Resources []json.RawMessage }
				if err := json.Unmarshal(jsonOut[c.name()], &tree); err != nil || len(tree.Resources) != 1 {
					t.Errorf("10,000 references to one image: %d resources (%v), want 1", len(tree.Resources), err)
				}
			}
		})
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("%d network connections reached the local listener, want 0", n)
	}

	t.Run("b07 line endings give the LF tree", func(t *testing.T) {
		lf := normalizeNames(jsonOut["b07-lf"], "b07-lf")
		for _, n := range []string{"b07-crlf", "b07-cr"} {
			if got := normalizeNames(jsonOut[n], n); !bytes.Equal(got, lf) {
				t.Errorf("%s tree differs from the LF twin:\n%s\nwant\n%s", n, got, lf)
			}
		}
	})
	t.Run("b02 BOM is stripped and the heading recognised", func(t *testing.T) {
		if !bytes.Contains(jsonOut["b02-bom"], []byte(`"title": "Title after a BOM"`)) {
			t.Errorf("title not lifted from the heading after a BOM:\n%.400s", jsonOut["b02-bom"])
		}
	})
	t.Run("EPUBCheck on a subset", func(t *testing.T) {
		checktool.Need(t, checktool.EPUBCheck)
		for _, p := range epubs {
			t.Run(filepath.Base(p), func(t *testing.T) {
				t.Parallel()
				outText, err := checktool.Run(t, checktool.EPUBCheck, p)
				if err != nil || !strings.Contains(outText, "No errors or warnings detected") {
					t.Errorf("EPUBCheck: %v\n%s", err, outText)
				}
			})
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// caseChecks are what some cases assert beyond their outcome.
var caseChecks = map[string]func(t *testing.T, res *Result, elapsed time.Duration){
	"r05-same-image-1000": func(t *testing.T, res *Result, _ time.Duration) {
		// One copy of a 60 KB picture, not a thousand (60 MB).
		if b := outputBytes(t, res, "html"); len(b) > 1<<20 {
			t.Errorf("1000 references to one image: %d bytes of HTML, want under 1 MiB", len(b))
		}
	},
	"r06-spellings": func(t *testing.T, res *Result, elapsed time.Duration) {
		if n := len(treeResources(t, res)); n != 1 {
			t.Errorf("303 spellings of one image: %d resources, want 1", n)
		}
		// Each spelling decoded again took over a minute; once, a second.
		if budget := 20 * time.Second; elapsed > budget {
			t.Errorf("303 spellings of one image took %v, budget %v", elapsed, budget)
		}
	},
	"r08-json-bomb":    noResources(pngWithHeader(100_000, 100_000, 0)[8:33]),
	"r08-json-garbage": noResources([]byte("<script>alert(1)")),
	"r17-same-pixels": func(t *testing.T, res *Result, _ time.Duration) {
		keys := map[string]int{}
		for _, m := range xobjectKey.FindAllSubmatch(outputBytes(t, res, "pdf"), -1) {
			keys[string(m[1])]++
		}
		for k, n := range keys {
			if n != 1 {
				t.Errorf("XObject /I%s listed %d times", k, n)
			}
		}
		if len(keys) != 1 {
			t.Errorf("XObject keys %v, want one image listed once (warnings %v)", keys, codesOf(res.Warnings))
		}
	},
	"r12-partial-commit": func(t *testing.T, res *Result, _ time.Duration) {
		// The failure is the commit's, after three renames were done.
		if res.Err == nil || !strings.Contains(res.Err.Error(), "r12-partial-commit.epub") {
			t.Errorf("err = %v, want it to name the output that could not be replaced", res.Err)
		}
	},
	"r15-date-year-10000": func(t *testing.T, res *Result, _ time.Duration) {
		w, _ := findWarning(res.Warnings, []string{"date-invalid"})
		if !strings.Contains(w.Message, "0001–9999") {
			t.Errorf("warning %q does not say which years are possible", w.Message)
		}
		for _, f := range epubzip.Read(t, outputBytes(t, res, "epub")) {
			if bytes.Contains(f.Data, []byte("10000-")) {
				t.Errorf("the EPUB's %s carries a year-10000 date", f.Name)
			}
		}
		if bytes.Contains(outputBytes(t, res, "pdf"), []byte("(D:10000")) {
			t.Error("the PDF carries a year-10000 date")
		}
	},
	"r16-five-bad-images": func(t *testing.T, res *Result, _ time.Duration) {
		// One warning per file (they were deduplicated by line and code,
		// so three of the five files were never named).
		for _, name := range []string{"r16-page.png", "r16-text.png", "r16.webp", "r16-missing1.png", "r16-missing2.png"} {
			n := 0
			for _, w := range res.Warnings {
				if w.Pos.Line == 3 && strings.Contains(w.Message, name) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s named by %d warnings on line 3, want 1: %v", name, n, res.Warnings)
			}
		}
	},
	"r20-version-string": func(t *testing.T, res *Result, _ time.Duration) {
		// Was "tree version 1; this Folio reads version 1".
		if res.Err == nil || !strings.Contains(res.Err.Error(), `"folio" is the string "1" where a number is expected`) {
			t.Errorf("err = %v, want it to name the string", res.Err)
		}
	},
	"r20-js-link": func(t *testing.T, res *Result, _ time.Duration) {
		if len(res.Warnings) < 3 {
			t.Errorf("warnings %v, want the script link and both images", res.Warnings)
		}
	},
	"r22-big-valid": func(t *testing.T, res *Result, _ time.Duration) {
		if len(res.Warnings) != 0 {
			t.Errorf("a valid 42 MP image: warnings %v, want none", codesOf(res.Warnings))
		}
		if !bytes.Contains(outputBytes(t, res, "pdf"), []byte("/Width 2400")) {
			t.Error("the 6500 px image is not in the PDF at 2400 px")
		}
	},
}

var xobjectKey = regexp.MustCompile(`/I([0-9a-f]+) \d+ 0 R`)

// noResources checks that a refused image carried by a JSON tree reached
// no output: no resource in the tree written back, nothing of its bytes
// (given by a telling slice of them) in the EPUB or the HTML.
func noResources(refused []byte) func(*testing.T, *Result, time.Duration) {
	return func(t *testing.T, res *Result, _ time.Duration) {
		if n := len(treeResources(t, res)); n != 0 {
			t.Errorf("%d resources kept, want 0", n)
		}
		for _, f := range epubzip.Read(t, outputBytes(t, res, "epub")) {
			if bytes.Contains(f.Data, refused) {
				t.Errorf("the EPUB carries the refused image as %s", f.Name)
			}
		}
		if bytes.Contains(outputBytes(t, res, "html"), []byte("data:image")) {
			t.Error("the HTML embeds an image")
		}
	}
}

func outputBytes(t *testing.T, res *Result, format string) []byte {
	t.Helper()
	for _, o := range res.Outputs {
		if o.Format == format {
			b, err := os.ReadFile(o.Path)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no %s output", format)
	return nil
}

func treeResources(t *testing.T, res *Result) []json.RawMessage {
	t.Helper()
	var tree struct{ Resources []json.RawMessage }
	if err := json.Unmarshal(outputBytes(t, res, "json"), &tree); err != nil {
		t.Fatal(err)
	}
	return tree.Resources
}

func writeBytes(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func findWarning(ws []doc.Warning, codes []string) (doc.Warning, bool) {
	for _, w := range ws {
		for _, c := range codes {
			if w.Code == c {
				return w, true
			}
		}
	}
	return doc.Warning{}, false
}

var posLine = regexp.MustCompile(`^[^:]+:(\d+)(:\d+)?: `)

// checkRefused checks an E outcome: the code and position, nothing
// written, the previous outputs untouched.
func checkRefused(t *testing.T, c badCase, res *Result, in, out, stemName string) {
	t.Helper()
	var de *doc.Error
	if !errors.As(res.Err, &de) {
		t.Fatalf("err = %v, want a %v error", res.Err, c.codes)
	}
	ok := false
	for _, code := range c.codes {
		ok = ok || de.Code == code
	}
	if !ok {
		t.Errorf("code %q, want %v (%v)", de.Code, c.codes, de)
	}
	// A refused sidecar is named itself, at line 1; an input that cannot
	// be opened or is too big has no line.
	if de.Pos.File != in && de.Pos.File != sidecarPath(in) {
		t.Errorf("error names %q, want %q or its sidecar", de.Pos.File, in)
	}
	// A failed commit (r12) concerns the outputs, not a place in the input.
	wholeFile := de.Pos.File == in && (de.Code == "input-too-large" || de.Code == "not-regular-file" || de.Code == "write")
	if !wholeFile && (de.Pos.Line == 0 || !posLine.MatchString(strings.TrimPrefix(de.Error(), filepath.Dir(in)))) {
		t.Errorf("error %q has no line", de.Error())
	}
	if len(res.Outputs) != 0 {
		t.Errorf("outputs %v for a refused input", res.Outputs)
	}
	for _, f := range allFormats {
		p := filepath.Join(out, stemName+outputs[f].ext)
		if f == c.blocked {
			if fi, err := os.Stat(filepath.Join(p, "sub")); err != nil || !fi.IsDir() {
				t.Errorf("the folder in the way of the %s output changed: %v", f, err)
			}
			continue
		}
		if f == "html" {
			// The symlink, which a success replaces (its target is
			// checked by the caller): after a failure, or a commit
			// rolled back, it is still there.
			if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("previous html output (a symlink) not kept: %v", err)
			}
			continue
		}
		b, err := os.ReadFile(p)
		if string(b) != "previous "+f {
			t.Errorf("previous %s output changed: %q %v", f, b, err)
		}
	}
}

// normalizeNames replaces the input's file name in a JSON tree so trees of
// differently named twins compare.
func normalizeNames(b []byte, stem string) []byte {
	b = fileField.ReplaceAll(b, []byte(`"file": "`))
	return bytes.ReplaceAll(b, []byte(stem), []byte("STEM"))
}

var fileField = regexp.MustCompile(`"file": "[^"]*/`)

var (
	unsafeScheme = regexp.MustCompile(`(?i)^(javascript|vbscript|data:text|file):`)
	pdfJSLink    = regexp.MustCompile(`(?i)/URI\s*\(\s*(javascript|vbscript|file|data)`)
)

// checkOutput validates one written file.
func checkOutput(t *testing.T, format, path string, b []byte, qpdf []string) {
	t.Helper()
	switch format {
	case "json":
		if !json.Valid(b) {
			t.Errorf("%s is not valid JSON", path)
		}
	case "html":
		checkMarkupText(t, path, b)
	case "pdf":
		if pdfJSLink.Match(b) {
			t.Errorf("%s has a script or file link annotation", path)
		}
		if qpdf != nil {
			cmd := exec.Command(qpdf[0], append(qpdf[1:], "--check", path)...)
			if outText, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", path, err, outText)
			}
		}
	case "epub":
		for _, f := range epubzip.Read(t, b) {
			if strings.Contains(f.Name, "..") || strings.HasPrefix(f.Name, "/") {
				t.Errorf("%s: entry name %q leaves the container", path, f.Name)
			}
			ext := filepath.Ext(f.Name)
			if ext != ".xhtml" && ext != ".opf" && ext != ".ncx" && ext != ".xml" {
				continue
			}
			checkMarkupText(t, path+"!"+f.Name, f.Data)
			if err := wellFormedXML(f.Data); err != nil {
				t.Errorf("%s!%s is not well-formed XML: %v", path, f.Name, err)
			}
		}
	}
}

// checkMarkupText checks HTML or XHTML text: no XML-illegal character, no
// script, iframe or object element, no event attribute, no link or source
// with a script, data-HTML or file URL.
func checkMarkupText(t *testing.T, name string, b []byte) {
	t.Helper()
	for i, r := range string(b) {
		if !doc.TextChar(r) {
			t.Errorf("%s: XML-illegal character %U at byte %d", name, r, i)
			break
		}
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tn, hasAttr := z.TagName()
		switch string(tn) {
		case "script", "iframe", "object", "embed":
			t.Errorf("%s: <%s> element", name, tn)
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := strings.ToLower(string(k))
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: event attribute %s=%q on <%s>", name, k, v, tn)
			}
			if key == "href" || key == "src" || key == "action" {
				if unsafeScheme.Match(bytes.TrimSpace(v)) {
					t.Errorf("%s: %s=%q on <%s>", name, k, v, tn)
				}
			}
		}
	}
}

// TestTruncatedImagesNeverPanic feeds every truncation of a small PNG and
// of a JPEG to the image check that runs before any writer sees an image
// (B37): each is refused as corrupt, none panics.
func TestTruncatedImagesNeverPanic(t *testing.T) {
	full := testPNG(t, 10, 10)
	for n := 0; n < len(full); n++ {
		r, err := normalize.Inspect(full[:n])
		if err == nil {
			t.Fatalf("PNG truncated to %d of %d bytes accepted: %+v", n, len(full), r.Name)
		}
	}
	if _, err := normalize.Inspect(full); err != nil {
		t.Fatalf("the whole PNG is refused: %v", err)
	}
}

// TestOutputCollisionBeforeWork checks B44: inputs whose outputs would
// collide (case-insensitively, or by stem) are refused by Plan.
func TestOutputCollisionBeforeWork(t *testing.T) {
	for _, pair := range [][2]string{{"A.md", "a.md"}, {"x.md", "x.markdown"}} {
		dir := t.TempDir()
		sub1, sub2 := filepath.Join(dir, "1"), filepath.Join(dir, "2")
		writeFile(t, filepath.Join(sub1, pair[0]), "a\n")
		writeFile(t, filepath.Join(sub2, pair[1]), "b\n")
		_, err := Plan([]string{filepath.Join(sub1, pair[0]), filepath.Join(sub2, pair[1])}, filepath.Join(dir, "out"), allFormats, nil)
		if err == nil || !strings.Contains(err.Error(), "output-collision") {
			t.Errorf("%v: err = %v, want output-collision", pair, err)
		}
	}
}

// failingWriter writes half its output and then fails, as a full disk
// would (B45).
type failingWriter struct{}

func (failingWriter) Write(ctx context.Context, d *doc.Document, w io.Writer) error {
	w.Write([]byte("partial"))
	return syscall.ENOSPC
}

// TestWriteFailureKeepsPreviousOutputs checks B45 and B47 in-process: a
// writer that fails with ENOSPC or panics fails that document only; every
// previous output stays as it was and no temporary file is left.
func TestWriteFailureKeepsPreviousOutputs(t *testing.T) {
	outputs["enospc"] = outputFormat{".full", func(o *Options) Writer { return failingWriter{} }}
	outputs["boom"] = outputFormat{".boom", func(o *Options) Writer { return panicked{} }}
	defer delete(outputs, "enospc")
	defer delete(outputs, "boom")
	for _, bad := range []string{"enospc", "boom"} {
		dir := t.TempDir()
		in := filepath.Join(dir, "a.md")
		writeFile(t, in, "# A\n\ntext\n")
		out := filepath.Join(dir, "out")
		for _, f := range allFormats {
			writeFile(t, filepath.Join(out, "a"+outputs[f].ext), "previous")
		}
		res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(out, "a")}, &Options{Formats: append([]string{bad}, allFormats...)})
		if res.Err == nil {
			t.Fatalf("%s: no error", bad)
		}
		if bad == "boom" && !strings.Contains(res.Err.Error(), "internal-error: panic in boom writer") {
			t.Errorf("%s: err = %v", bad, res.Err)
		}
		for _, f := range allFormats {
			if b, _ := os.ReadFile(filepath.Join(out, "a"+outputs[f].ext)); string(b) != "previous" {
				t.Errorf("%s: previous %s output changed", bad, f)
			}
		}
		assertNoTemps(t, out)
	}
	// A read-only output folder: root ignores permission bits, so the
	// folder is replaced by a regular file, which no one can create in.
	dir := t.TempDir()
	in := filepath.Join(dir, "a.md")
	writeFile(t, in, "text\n")
	writeFile(t, filepath.Join(dir, "out"), "a file, not a folder")
	res := Convert(context.Background(), Job{Name: in, OutBase: filepath.Join(dir, "out", "a")}, &Options{Formats: allFormats})
	if res.Err == nil || !strings.HasPrefix(res.Err.Error(), in+":") {
		t.Errorf("unwritable output folder: err = %v, want one naming %s", res.Err, in)
	}
}

// elsewhereCase is one line of testdata/bad/ELSEWHERE: a red-team
// reproduction covered by a named test instead of a catalogue case.
type elsewhereCase struct {
	name, pkg, test string
}

func readElsewhere(t *testing.T) []elsewhereCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(badDir, "ELSEWHERE"))
	if err != nil {
		t.Fatal(err)
	}
	var out []elsewhereCase
	for n, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 {
			t.Fatalf("ELSEWHERE:%d: want CASE PACKAGE TEST WHY: %q", n+1, line)
		}
		out = append(out, elsewhereCase{f[0], f[1], f[2]})
	}
	return out
}

// redTeamCase is the rNN of a reproduction's or a case's name.
var redTeamCase = regexp.MustCompile(`^(r\d\d)(-|$)`)

// TestCatalogueCoversTheRedTeam checks issue 17's "the catalogue test
// covers each": every reproduction in the shared redteam/ folder is a case
// in EXPECT or a line in ELSEWHERE, and every test ELSEWHERE names exists
// in its package.
func TestCatalogueCoversTheRedTeam(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range readExpect(t) {
		if m := redTeamCase.FindStringSubmatch(c.name()); m != nil {
			covered[m[1]] = true
		}
	}
	for _, e := range readElsewhere(t) {
		m := redTeamCase.FindStringSubmatch(e.name)
		if m == nil {
			t.Errorf("ELSEWHERE: %q is not a red-team case (rNN or rNN-variant)", e.name)
			continue
		}
		covered[m[1]] = true
		files, _ := filepath.Glob(filepath.Join("..", e.pkg, "*_test.go"))
		decl := regexp.MustCompile(`(?m)^func ` + regexp.QuoteMeta(e.test) + `\(t \*testing\.T\)`)
		found := false
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			found = found || decl.Match(b)
		}
		if !found {
			t.Errorf("ELSEWHERE: %s names %s in %s, which has no such test", e.name, e.test, e.pkg)
		}
	}
	dir := shared.Dir("redteam")
	if dir == "" {
		if checktool.InCI() {
			t.Fatal("the red team's reproductions (shared/redteam) not found beside the repository")
		}
		t.Skip("shared/redteam not found beside the repository: the coverage of each reproduction is not checked")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		m := redTeamCase.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		n++
		if !covered[m[1]] {
			t.Errorf("red-team reproduction %s is neither a case in EXPECT nor a line in ELSEWHERE", e.Name())
		}
	}
	if n < 20 {
		t.Errorf("only %d reproductions in %s", n, dir)
	}
}
