package epub

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"folio/internal/epubzip"
	"image"
	"image/color"
	"image/png"
	"io"
	"path"
	"strings"
	"testing"
	"time"

	"folio/pipeline/doc"
)

// Test documents, built by hand in the normalized form the pipeline hands
// to writers (title lifted, headings from level 2 with ids, notes numbered,
// TOC nested, resources resolved).

func txt(s string) doc.Inline { return &doc.Text{Value: s} }

func para(is ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: is} }

func h(level int, id, title string) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Content: []doc.Inline{txt(title)}}
}

func pngBytes(t testing.TB, w, hgt int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, hgt))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func simpleDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{
			Title:     "The Quiet Harbour",
			Subtitle:  "How a small port town rebuilt its fishing fleet after the storm",
			Authors:   []string{"Ana Ribeiro", "Tom Hale"},
			Date:      "2024-03-15",
			Lang:      "en",
			Source:    "https://news.example.org/harbour",
			Publisher: "The Coastal Review",
			Tags:      []string{"fishing", "economy"},
			Rights:    "© 2024 The Coastal Review",
		},
		Blocks: []doc.Block{
			para(txt("The boats came back one by one, each repaired by hand.")),
			h(2, "the-storm", "The storm"),
			para(txt("Nobody in town had seen a winter like it.")),
			h(3, "damage", "Counting the damage"),
			para(txt("Forty hulls were lost; twelve could be saved.")),
			h(2, "rebuilding", "Rebuilding"),
			para(txt("The co-operative bought timber together."), &doc.Link{URL: "#the-storm", Content: []doc.Inline{txt(" (see above)")}}),
		},
		TOC: []*doc.TOCEntry{
			{Level: 2, ID: "the-storm", Title: "The storm", Children: []*doc.TOCEntry{{Level: 3, ID: "damage", Title: "Counting the damage"}}},
			{Level: 2, ID: "rebuilding", Title: "Rebuilding"},
		},
	}
}

// richDoc has footnotes, a figure with caption and credit, an inline image,
// a table, code, a list and a quote, and is long enough to be split.
func richDoc(t testing.TB) *doc.Document {
	photo := &doc.Resource{Name: "img-3f2a9c1d.png", MediaType: "image/png", Width: 60, Height: 40, Data: pngBytes(t, 60, 40, color.RGBA{0x30, 0x60, 0x90, 0xff})}
	icon := &doc.Resource{Name: "img-77aa01bc.png", MediaType: "image/png", Width: 8, Height: 8, Data: pngBytes(t, 8, 8, color.RGBA{0xc0, 0x20, 0x20, 0xff})}
	long := strings.Repeat("The survey boats went out at dawn and came back with the numbers nobody wanted to read. ", 130)
	d := &doc.Document{
		Meta: doc.Meta{Title: "Field Notes from the Delta", Authors: []string{"Mira Osei"}, Date: "2023-11-02T08:30:00Z", Lang: "en-GB", Summary: "A season of measurements on a shrinking delta."},
		Blocks: []doc.Block{
			para(txt("An introduction with a note"), &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1"}, txt(".")),
			h(2, "method", "Method"),
			para(txt(long)),
			&doc.Figure{Ref: photo.Name, Src: "photo.png", Alt: "Survey boat at dawn", Caption: []doc.Inline{txt("The survey boat.")}, Credit: "M. Osei"},
			&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight}, Header: []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{txt("Site")}}, {Content: []doc.Inline{txt("Depth (m)")}}}}},
				Body: []*doc.Row{{Cells: []*doc.Cell{{Content: []doc.Inline{txt("North")}}, {Content: []doc.Inline{txt("2.4")}}}}}},
			h(3, "tools", "Tools"),
			&doc.CodeBlock{Language: "python", Text: "depth = sonar.read()\nprint(depth < 3 and \"shallow\")\n"},
			&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("sonar"), &doc.Image{Ref: icon.Name, Src: "i.png", Alt: "icon"})}}, {Blocks: []doc.Block{para(txt("rope"))}}}},
			h(2, "results", "Results"),
			para(txt(long), &doc.NoteRef{Label: "b", Number: 2, ID: "fnref-2"}),
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("The river keeps its own counsel."), &doc.NoteRef{Label: "a", Number: 1, ID: "fnref-1-2"})}},
			para(&doc.Link{URL: "#method", Content: []doc.Inline{txt("Back to the method")}}, txt(" or "), &doc.Link{URL: "https://example.org/delta", Content: []doc.Inline{txt("the data")}}),
		},
		Notes: []*doc.Note{
			{Label: "a", Number: 1, ID: "fn-1", Blocks: []doc.Block{para(txt("Measured at low tide."))}},
			{Label: "b", Number: 2, ID: "fn-2", Blocks: []doc.Block{para(txt("Two sites were unreachable."))}},
		},
		TOC: []*doc.TOCEntry{
			{Level: 2, ID: "method", Title: "Method", Children: []*doc.TOCEntry{{Level: 3, ID: "tools", Title: "Tools"}}},
			{Level: 2, ID: "results", Title: "Results"},
		},
		Resources: []*doc.Resource{photo, icon},
	}
	return d
}

func arabicDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{Title: "ميناء هادئ", Subtitle: "كيف أعادت بلدة صغيرة بناء أسطولها", Authors: []string{"ليلى حسن"}, Date: "2024-01-20", Lang: "ar"},
		Blocks: []doc.Block{
			para(txt("عادت القوارب واحدا تلو الآخر.")),
			h(2, "storm", "العاصفة"),
			para(txt("لم ير أحد في البلدة شتاء مثله.")),
		},
		TOC: []*doc.TOCEntry{{Level: 2, ID: "storm", Title: "العاصفة"}},
	}
}

func noTitleDoc() *doc.Document {
	return &doc.Document{
		Meta:   doc.Meta{Lang: "en"},
		Blocks: []doc.Block{para(txt("A scraped article that arrived without any title at all, only its text."))},
	}
}

func coverDoc(t testing.TB) *doc.Document {
	c := &doc.Resource{Name: "img-c0ffee00.png", MediaType: "image/png", Width: 120, Height: 180, Data: pngBytes(t, 120, 180, color.RGBA{0x10, 0x80, 0x40, 0xff})}
	return &doc.Document{
		Meta:      doc.Meta{Title: "With a Given Cover", Lang: "fr", Date: "2022-06-01", Cover: "cover.png", CoverRef: c.Name},
		Blocks:    []doc.Block{para(txt("Le texte."))},
		Resources: []*doc.Resource{c},
	}
}

const hostileTitle = "</title><script>alert(1)</script> & ]]> \u202E"

func hostileDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{
			Title:      hostileTitle + "\x01\x0b\uFFFE",
			Subtitle:   "a\x1b]]>b",
			Authors:    []string{"<b>Eve</b>\x00"},
			Tags:       []string{"x\"y", "<tag>"},
			Lang:       "en",
			Identifier: "id<&>\x02",
			Source:     "javascript:alert(1)",
		},
		Blocks: []doc.Block{
			para(txt("body \x0c text \uFFFF with ]]> and </body>")),
			h(2, "h-1", "Heading \x07 <i>"),
			para(&doc.Link{URL: "javascript:alert(1)", Content: []doc.Inline{txt("click")}}, &doc.RawInline{Format: "html", Text: "<script>x()</script><b>unclosed"}),
		},
	}
}

// fixtures are the books every structural test and EPUBCheck runs on.
func fixtures(t testing.TB) map[string]*doc.Document {
	return map[string]*doc.Document{
		"simple":  simpleDoc(),
		"rich":    richDoc(t),
		"arabic":  arabicDoc(),
		"notitle": noTitleDoc(),
		"cover":   coverDoc(t),
		"hostile": hostileDoc(),
	}
}

var testDate = time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)

func build(t testing.TB, d *doc.Document) ([]byte, []doc.Warning) {
	t.Helper()
	var c doc.Collector
	ctx := doc.WithWarn(context.Background(), c.Add)
	var out bytes.Buffer
	if err := New(Options{SourceDate: testDate}).Write(ctx, d, &out); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return out.Bytes(), c.Warnings()
}

// opened is a built book read back.
type opened struct {
	entries []epubzip.Entry
	files   map[string][]byte
	order   []string
	opf     testOPF
}

type testOPF struct {
	Lang     string `xml:"lang,attr"`
	Metadata struct {
		Identifier []string `xml:"identifier"`
		Title      []string `xml:"title"`
		Creator    []string `xml:"creator"`
		Language   string   `xml:"language"`
		Date       string   `xml:"date"`
		Publisher  string   `xml:"publisher"`
		Source     string   `xml:"source"`
		Desc       string   `xml:"description"`
		Subject    []string `xml:"subject"`
		Rights     string   `xml:"rights"`
		Meta       []struct {
			Property string `xml:"property,attr"`
			Name     string `xml:"name,attr"`
			Content  string `xml:"content,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Manifest []opfItem `xml:"manifest>item"`
	Spine    struct {
		Ppd   string       `xml:"page-progression-direction,attr"`
		Items []opfItemref `xml:"itemref"`
	} `xml:"spine"`
}

func (o testOPF) meta(property string) []string {
	var v []string
	for _, m := range o.Metadata.Meta {
		if m.Property == property {
			v = append(v, m.Value)
		}
	}
	return v
}

func open(t testing.TB, data []byte) *opened {
	t.Helper()
	o := &opened{entries: epubzip.Read(t, data)}
	o.files = epubzip.Files(o.entries)
	for _, e := range o.entries {
		o.order = append(o.order, e.Name)
	}
	if err := xml.Unmarshal(o.files[opfName], &o.opf); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	return o
}

// pages returns the XHTML files of the book (nav included), sorted.
func (o *opened) pages() []string {
	var p []string
	for _, n := range o.order {
		if path.Ext(n) == ".xhtml" {
			p = append(p, n)
		}
	}
	return p
}

// wellFormed parses data as XML with encoding/xml, strictly.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = map[string]string{}
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func names(ws []doc.Warning) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Code)
	}
	return fmt.Sprint(s)
}
