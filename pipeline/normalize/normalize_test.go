package normalize

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/pipeline/doc"
)

func txt(s string) []doc.Inline { return []doc.Inline{&doc.Text{Value: s}} }
func h(level int, s string) *doc.Heading {
	return &doc.Heading{Level: level, Content: txt(s)}
}
func para(is ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: is} }

func run(t *testing.T, d *doc.Document, o Options) []doc.Warning {
	t.Helper()
	var c doc.Collector
	if err := Run(doc.WithWarn(context.Background(), c.Add), d, &o); err != nil {
		t.Fatal(err)
	}
	return c.Warnings()
}

func codes(ws []doc.Warning) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Code)
	}
	return strings.Join(s, " ")
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name      string
		meta      string
		blocks    []doc.Block
		wantTitle string
		wantFirst string // kind and text of the first body block
	}{
		{"first level-1 heading becomes the title and leaves the body", "",
			[]doc.Block{h(1, "Big News"), para(txt("x")...)}, "Big News", "Paragraph"},
		{"metadata title wins; a repeating heading is removed", "Big News",
			[]doc.Block{h(1, "Big  news"), para(txt("x")...)}, "Big News", "Paragraph"},
		{"metadata title wins; a different heading stays", "Other",
			[]doc.Block{h(1, "Big News"), para(txt("x")...)}, "Other", "Heading"},
		{"no heading: title from the file stem", "",
			[]doc.Block{para(txt("x")...)}, "stem", "Paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{Meta: doc.Meta{Title: tt.meta}, Blocks: tt.blocks}
			run(t, d, Options{Stem: "stem"})
			if d.Meta.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", d.Meta.Title, tt.wantTitle)
			}
			if got := d.Blocks[0].Kind(); got != tt.wantFirst {
				t.Errorf("first block = %s, want %s", got, tt.wantFirst)
			}
		})
	}
}

func TestEmptyDocumentWarns(t *testing.T) {
	d := &doc.Document{}
	ws := run(t, d, Options{Stem: "notes"})
	if d.Meta.Title != "notes" || codes(ws) != "empty-document" || d.Meta.Lang != "en" {
		t.Errorf("title %q lang %q warnings %q", d.Meta.Title, d.Meta.Lang, codes(ws))
	}
	// A title and no body (a saved page of a JavaScript application) is
	// an empty document too, whose warning says the title is kept.
	d = &doc.Document{Meta: doc.Meta{Title: "civ2-blog-frontend"}}
	ws = run(t, d, Options{Stem: "spa"})
	if d.Meta.Title != "civ2-blog-frontend" || codes(ws) != "empty-document" || !strings.Contains(ws[0].Message, "title but no body") {
		t.Errorf("title %q warnings %v", d.Meta.Title, ws)
	}
}

// TestHeadingLevelsStartAtTwo checks the outline a writer receives: the
// body starts at 2, no level is skipped, nothing passes 6 (the Nu checker
// flagged "##" then "#####", and levels 0 and 99 from a JSON tree).
func TestHeadingLevelsStartAtTwo(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want []int
	}{
		{"h1 title then h2 h3 stay", []int{1, 2, 3}, []int{2, 3}},
		{"h3 h4 shift up", []int{3, 4, 3}, []int{2, 3, 2}},
		{"second h1 after the title becomes h2", []int{1, 1, 2}, []int{2, 3}},
		{"h2 then h5 skips no level", []int{2, 5}, []int{2, 3}},
		{"siblings stay siblings after a skip", []int{2, 5, 5, 3, 5}, []int{2, 3, 3, 3, 4}},
		{"levels 0 and 99 from a JSON tree", []int{0, 99, 99, 0}, []int{2, 3, 3, 2}},
		{"a deep ladder stops at 6", []int{2, 3, 4, 5, 6, 7, 8}, []int{2, 3, 4, 5, 6, 6, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{}
			for i, l := range tt.in {
				d.Blocks = append(d.Blocks, h(l, "h"+string(rune('a'+i))))
			}
			run(t, d, Options{})
			var got []int
			for _, b := range d.Blocks {
				got = append(got, b.(*doc.Heading).Level)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("levels = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFragmentKeepsTheSourceShape(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{h(1, "Title"), h(3, "Deep")}}
	run(t, d, Options{Fragment: true})
	if len(d.Blocks) != 2 || d.Blocks[1].(*doc.Heading).Level != 3 || d.Meta.Title != "" {
		t.Errorf("fragment reshaped the document: title %q, %d blocks", d.Meta.Title, len(d.Blocks))
	}
	if d.Blocks[0].(*doc.Heading).ID != "title" {
		t.Errorf("fragment headings still get ids; got %q", d.Blocks[0].(*doc.Heading).ID)
	}
	d = &doc.Document{Blocks: []doc.Block{h(0, "Zero"), h(99, "Deep")}}
	run(t, d, Options{Fragment: true})
	if a, b := d.Blocks[0].(*doc.Heading).Level, d.Blocks[1].(*doc.Heading).Level; a != 1 || b != 6 {
		t.Errorf("fragment levels 0 and 99 became %d and %d, want 1 and 6", a, b)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, World!", "hello-world"},
		{"  Россия и Афганистан ", "россия-и-афганистан"},
		{"الدولة الإسلامية", "الدولة-الإسلامية"},
		{"123 go", "h-123-go"},
		{`"><x>`, "x"},
		{"", "section"},
		{"!!!", "section"},
		{"ISKP’s Increased Anti-Russia Propaganda", "iskps-increased-anti-russia-propaganda"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsAreUnique(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		h(2, "Intro"), h(2, "Intro"), h(2, "Intro-2"), h(2, ""), h(2, ""),
		&doc.BlockQuote{Blocks: []doc.Block{h(3, "Intro")}},
	}, Notes: []*doc.Note{{Label: "a"}}}
	run(t, d, Options{})
	var got []string
	walkHeadings(d, func(h *doc.Heading) { got = append(got, h.ID) })
	want := []string{"intro", "intro-2", "intro-2-2", "section", "section-2", "intro-3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
}

// TestHeadingIDsLinear checks r01: 50,000 headings with the same text get
// ids -2 … -49999 in time linear in their number (counting up from -2 for
// each made 20,000 of them take 42 s). The budget is generous; quadratic
// work would need minutes.
func TestHeadingIDsLinear(t *testing.T) {
	const n = 50_000
	blocks := make([]doc.Block, n)
	for i := range blocks {
		blocks[i] = h(2, "Same")
	}
	blocks[10] = h(2, "Same-3") // an id a duplicate would also want
	d := &doc.Document{Blocks: blocks}
	start := time.Now()
	if err := headingIDs(context.Background(), d, &Options{}); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("%d duplicate headings took %v", n, el)
	}
	seen := map[string]bool{}
	walkHeadings(d, func(h *doc.Heading) {
		if seen[h.ID] {
			t.Fatalf("duplicate id %q", h.ID)
		}
		seen[h.ID] = true
	})
	if got := d.Blocks[n-1].(*doc.Heading).ID; got != "same-49999" {
		t.Errorf("last id %q, want same-49999 (49,999 \"Same\" headings)", got)
	}
}

func TestNotesNumberedByFirstReference(t *testing.T) {
	d := &doc.Document{
		Blocks: []doc.Block{
			para(&doc.Text{Value: "a"}, &doc.NoteRef{Label: "second"}, &doc.NoteRef{Label: "first"}),
			para(&doc.NoteRef{Label: "second"}, &doc.NoteRef{Label: "ghost"}),
		},
		Notes: []*doc.Note{
			{Label: "first", Blocks: []doc.Block{para(&doc.NoteRef{Label: "inner"})}},
			{Label: "second"},
			{Label: "unused"},
			{Label: "inner"},
		},
	}
	ws := run(t, d, Options{})
	var labels []string
	for i, n := range d.Notes {
		labels = append(labels, n.Label)
		if n.Number != i+1 || n.ID != "fn-"+strconv.Itoa(i+1) {
			t.Errorf("note %s: number %d id %q", n.Label, n.Number, n.ID)
		}
	}
	if got := strings.Join(labels, " "); got != "second first inner" {
		t.Errorf("note order = %s", got)
	}
	p := d.Blocks[1].(*doc.Paragraph)
	if r := p.Content[0].(*doc.NoteRef); r.Number != 1 || r.ID != "fnref-1-2" {
		t.Errorf("second reference to a note: number %d id %q, want 1 fnref-1-2", r.Number, r.ID)
	}
	if r := d.Blocks[0].(*doc.Paragraph).Content[2].(*doc.NoteRef); r.ID != "fnref-2" {
		t.Errorf("first reference to note 2: id %q", r.ID)
	}
	if r := d.Notes[1].Blocks[0].(*doc.Paragraph).Content[0].(*doc.NoteRef); r.ID != "fnref-3" {
		t.Errorf("reference inside a note: id %q", r.ID)
	}
	if tx, ok := p.Content[1].(*doc.Text); !ok || tx.Value != "[^ghost]" {
		t.Errorf("missing note reference = %#v, want literal text", p.Content[1])
	}
	if got := codes(ws); got != "note-missing note-unreferenced" {
		t.Errorf("warnings = %s", got)
	}
}

func TestRawHTMLDroppedUnlessTrusted(t *testing.T) {
	mk := func() *doc.Document {
		return &doc.Document{Blocks: []doc.Block{
			&doc.RawBlock{Format: "html", Text: "<script>x</script>", Pos: doc.Pos{File: "a.md", Line: 4}},
			para(&doc.Text{Value: "a"}, &doc.RawInline{Format: "html", Text: "<img onerror=x>"}),
			&doc.BlockQuote{Blocks: []doc.Block{&doc.RawBlock{Format: "html", Text: "<iframe>"}}},
		}}
	}
	d := mk()
	ws := run(t, d, Options{})
	if got := codes(ws); got != "raw-html-omitted raw-html-omitted raw-html-omitted" {
		t.Errorf("warnings = %s", got)
	}
	if ws[0].Pos.String() != "a.md:4" {
		t.Errorf("warning position = %s", ws[0].Pos)
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n.(type) {
		case *doc.RawBlock, *doc.RawInline:
			t.Errorf("raw node survived: %#v", n)
		}
		return doc.WalkContinue
	})
	d = mk()
	if ws := run(t, d, Options{UnsafeHTML: true}); len(ws) != 0 || len(d.Blocks) != 3 {
		t.Errorf("--unsafe-html still dropped raw HTML: %v", ws)
	}
}

func TestXMLIllegalCharactersRemoved(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "a\x0bb\uFFFE"}, Blocks: []doc.Block{
		para(&doc.Text{Value: "x\x01y\ttab\u00e9"}),
		&doc.CodeBlock{Text: "\x1b[0m\n"},
	}}
	ws := run(t, d, Options{})
	if d.Meta.Title != "ab" {
		t.Errorf("title = %q", d.Meta.Title)
	}
	if got := d.Blocks[0].(*doc.Paragraph).Content[0].(*doc.Text).Value; got != "xy\ttab\u00e9" {
		t.Errorf("text = %q", got)
	}
	if got := codes(ws); got != "xml-illegal-char xml-illegal-char xml-illegal-char" {
		t.Errorf("warnings = %s", got)
	}
}

// TestTextIsComposed: decomposed letters (u + U+0308) become one code
// point, in text, headings (and so their ids) and metadata; code keeps
// what it was given.
func TestTextIsComposed(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Ko\u0308ln"}, Blocks: []doc.Block{
		h(2, "Ange\u0301lique"),
		para(&doc.Text{Value: "fu\u0308r"}),
		&doc.CodeBlock{Text: "fu\u0308r\n"},
	}}
	run(t, d, Options{})
	if d.Meta.Title != "Köln" {
		t.Errorf("title = %q", d.Meta.Title)
	}
	hd := d.Blocks[0].(*doc.Heading)
	if got := doc.PlainText(hd.Content); got != "Angélique" || hd.ID != "angélique" {
		t.Errorf("heading = %q, id %q", got, hd.ID)
	}
	if got := d.Blocks[1].(*doc.Paragraph).Content[0].(*doc.Text).Value; got != "für" {
		t.Errorf("text = %q", got)
	}
	if got := d.Blocks[2].(*doc.CodeBlock).Text; got != "fu\u0308r\n" {
		t.Errorf("code = %q", got)
	}
}

func TestTOCNestsByLevel(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{h(2, "A"), h(3, "A.1"), h(4, "A.1.a"), h(2, "B"), h(3, "B.1")}}
	run(t, d, Options{})
	var show func([]*doc.TOCEntry) string
	show = func(es []*doc.TOCEntry) string {
		var s []string
		for _, e := range es {
			x := e.Title
			if len(e.Children) > 0 {
				x += "(" + show(e.Children) + ")"
			}
			s = append(s, x)
		}
		return strings.Join(s, " ")
	}
	if got := show(d.TOC); got != "A(A.1(A.1.a)) B(B.1)" {
		t.Errorf("toc = %s", got)
	}
}

func TestLanguageDefaultsAndValidation(t *testing.T) {
	for in, want := range map[string]string{"": "en", "ru": "ru", "pt_BR": "pt-BR", "../../x": "en", "fa-IR": "fa-IR"} {
		d := &doc.Document{Meta: doc.Meta{Lang: in, Title: "t"}, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Value: "Body."}}}}}
		ws := run(t, d, Options{})
		if d.Meta.Lang != want {
			t.Errorf("lang %q → %q, want %q", in, d.Meta.Lang, want)
		}
		if (in == "../../x") != (codes(ws) == "lang-invalid") {
			t.Errorf("lang %q: warnings %q", in, codes(ws))
		}
	}
}

func pngBytes(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func TestResourcesResolvedOnceByContent(t *testing.T) {
	good := pngBytes(3, 2)
	files := map[string][]byte{"a.png": good, "copy.png": good, "notes.png": []byte("<html>hi</html>"), "cut.png": good[:len(good)-10],
		"logo.svg": []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "photo.jpg": good}
	resolve := func(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error) {
		b, ok := files[src]
		if !ok {
			return nil, &ResourceError{"image-not-found", "no such file"}
		}
		return &doc.Resource{Data: b}, nil
	}
	d := &doc.Document{Blocks: []doc.Block{
		para(&doc.Image{Src: "a.png"}, &doc.Image{Src: "copy.png"}, &doc.Image{Src: "a.png"}),
		&doc.Figure{Src: "missing.png"}, &doc.Figure{Src: "notes.png"}, &doc.Figure{Src: "cut.png"},
		&doc.Figure{Src: "logo.svg"}, &doc.Figure{Src: "photo.jpg"},
	}}
	ws := run(t, d, Options{Resolve: resolve})
	if len(d.Resources) != 1 || d.Resources[0].Width != 3 || d.Resources[0].MediaType != "image/png" {
		t.Fatalf("resources = %+v", d.Resources)
	}
	p := d.Blocks[0].(*doc.Paragraph)
	for _, in := range p.Content {
		if in.(*doc.Image).Ref != d.Resources[0].Name {
			t.Errorf("image not pointed at the shared resource")
		}
	}
	if got := codes(ws); got != "image-not-found not-an-image corrupt-image svg-unsupported extension-mismatch" {
		t.Errorf("warnings = %s", got)
	}
}

// The warning for an image that cannot be used says what stands in for
// it: the alt text when there is one, else nothing.
func TestResourceWarningSaysWhatIsShown(t *testing.T) {
	resolve := func(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error) {
		return nil, &ResourceError{"image-not-found", "no such file"}
	}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Figure{Src: "a.png", Alt: "A ferry at night"}, &doc.Figure{Src: "b.png"}, para(&doc.Image{Src: "c.png", Alt: " "}),
	}}
	ws := run(t, d, Options{Resolve: resolve})
	var got []string
	for _, w := range ws {
		_, instead, _ := strings.Cut(w.Message, "; ")
		got = append(got, instead)
	}
	want := []string{"its alt text is shown instead", "the picture is left out (it has no alt text to show instead)", "the picture is left out (it has no alt text to show instead)"}
	if !slices.Equal(got, want) {
		t.Errorf("warnings say %q, want %q", got, want)
	}
}

func TestResourceFallbacks(t *testing.T) {
	big, small := pngBytes(8, 6), pngBytes(2, 1)
	files := map[string][]byte{"p_files/big.png": big, "p_files/small.png": small, "p_files/notes.png": []byte("<p>not an image</p>")}
	resolve := func(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error) {
		if strings.HasPrefix(src, "https:") {
			return nil, &ResourceError{"remote-disabled", "remote images are not fetched without --allow-remote"}
		}
		b, ok := files[src]
		if !ok {
			return nil, &ResourceError{"image-not-found", "no such file"}
		}
		return &doc.Resource{Data: b}, nil
	}
	tests := []struct {
		name     string
		src      string
		fallback []string
		used     string
		warn     string
	}{
		{"the first source that reads is used", "p_files/big.png", []string{"p_files/small.png"}, "p_files/big.png", ""},
		{"a remote source left unfetched falls back to the saved file", "https://cdn.example/big.png", []string{"p_files/small.png"}, "p_files/small.png", ""},
		{"a missing file falls back", "p_files/gone.png", []string{"p_files/notes.png", "p_files/big.png"}, "p_files/big.png", ""},
		{"none reads: one warning, naming the local failure rather than the remote one", "https://cdn.example/x.png", []string{"p_files/gone.png"}, "", "image-not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &doc.Figure{Src: tt.src, Fallback: tt.fallback, Caption: []doc.Inline{&doc.Text{Value: "c"}}}
			d := &doc.Document{Blocks: []doc.Block{f}}
			ws := run(t, d, Options{Resolve: resolve})
			if got := codes(ws); got != tt.warn {
				t.Errorf("warnings = %q, want %q", got, tt.warn)
			}
			if tt.used == "" {
				if f.Ref != "" || f.Src != tt.src {
					t.Errorf("ref %q src %q, want none and the source kept", f.Ref, f.Src)
				}
				return
			}
			if f.Ref == "" || f.Src != tt.used || f.Fallback != nil {
				t.Errorf("ref %q src %q fallback %q, want %s used", f.Ref, f.Src, f.Fallback, tt.used)
			}
		})
	}
}

func TestInspectRefusesBombsBeforeDecoding(t *testing.T) {
	// A PNG header claiming 20000×20000 pixels: refused by its header alone.
	big := pngBytes(1, 1)
	big[16], big[17], big[18], big[19] = 0, 0, 0x4e, 0x20
	big[20], big[21], big[22], big[23] = 0, 0, 0x4e, 0x20
	binary.BigEndian.PutUint32(big[29:33], crc32.ChecksumIEEE(big[12:29]))
	_, err := Inspect(big)
	var re *ResourceError
	if err == nil || !strings.Contains(err.Error(), "400 MP") {
		t.Fatalf("err = %v", err)
	}
	if ok := errorsAs(err, &re); !ok || re.Code != "image-too-large" {
		t.Errorf("code = %v", err)
	}
}

func errorsAs(err error, re **ResourceError) bool {
	e, ok := err.(*ResourceError)
	*re = e
	return ok
}
