package html

import (
	"bytes"
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"folio/pipeline/doc"
)

// repeatedImage uses one picture three times (inline, with alt text and
// a title; in a figure; decoratively, without alt text) and another once.
func repeatedImage(t *testing.T) *doc.Document {
	c := chart(t)
	once := &doc.Resource{Name: "img-once.png", MediaType: "image/png", Width: c.Width, Height: c.Height, Data: c.Data}
	return &doc.Document{
		Meta:      doc.Meta{Title: "One chart, three times", Lang: "en"},
		Resources: []*doc.Resource{c, once},
		Blocks: []doc.Block{
			para(txt("Inline "), &doc.Image{Ref: c.Name, Alt: "Bar chart", Title: "Sales & costs"}, txt(".")),
			&doc.Figure{Ref: c.Name, Alt: "Bar chart again", Caption: []doc.Inline{txt("The same chart.")}},
			para(&doc.Image{Ref: c.Name}),
			para(&doc.Image{Ref: once.Name, Alt: "Used once"}),
		},
	}
}

// TestRepeatedImageIsEmbeddedOnce is r05: an image referenced many times
// is one copy of its bytes in the page (an SVG <image> the other uses
// draw with <use>), however many references; an image used once stays a
// plain <img>. The golden page (repeated-image.html) passes the Nu
// checker with the others.
func TestRepeatedImageIsEmbeddedOnce(t *testing.T) {
	d := repeatedImage(t)
	got, _ := write(t, Options{}, d)
	prefix := "data:image/png;base64," + base64.StdEncoding.EncodeToString(d.Resources[0].Data)[:40]
	if n := strings.Count(got, prefix); n != 2 { // the shared chart once, the used-once copy once
		t.Errorf("%d copies of the chart's bytes, want 1 shared and 1 used-once", n)
	}
	for _, want := range []string{
		`<svg class="img" role="img" aria-label="Bar chart" width="240" height="120" viewBox="0 0 240 120"><title>Sales &amp; costs</title><image id="res-img-chart.png" width="240" height="120" href="data:image/png;base64,`,
		`<svg class="img" role="img" aria-label="Bar chart again" width="240" height="120" viewBox="0 0 240 120"><use href="#res-img-chart.png" /></svg>`,
		`<svg class="img" aria-hidden="true" width="240" height="120" viewBox="0 0 240 120"><use href="#res-img-chart.png" /></svg>`,
		`<img src="data:image/png;base64,`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	// A thousand references: the page grows by the markup of a reference,
	// not by a copy of the image each time.
	many := repeatedImage(t)
	p := many.Blocks[2].(*doc.Paragraph)
	for range 1000 {
		p.Content = append(p.Content, &doc.Image{Ref: many.Resources[0].Name, Alt: "x"})
	}
	big, _ := write(t, Options{}, many)
	if grown := len(big) - len(got); grown > 1000*200 {
		t.Errorf("1000 more references grew the page by %d bytes, want under 200 each", grown)
	}
}

var sharedID = regexp.MustCompile(`<image id="([^"]+)"`)

// TestPackKeepsSharedImageIDsApart: two articles of a pack that repeat the
// same picture each embed it under their own id.
func TestPackKeepsSharedImageIDsApart(t *testing.T) {
	p := &doc.Pack{Meta: doc.PackMeta{Title: "Pack"}, Articles: []*doc.Document{repeatedImage(t), repeatedImage(t)}}
	var b bytes.Buffer
	if err := New(Options{}).WritePack(context.Background(), p, &b); err != nil {
		t.Fatal(err)
	}
	ids := sharedID.FindAllStringSubmatch(b.String(), -1)
	if len(ids) != 2 || ids[0][1] == ids[1][1] {
		t.Errorf("shared image ids %v, want two distinct", ids)
	}
	for _, id := range ids {
		if !strings.Contains(b.String(), `<use href="#`+id[1]+`" />`) {
			t.Errorf("no <use> of %s", id[1])
		}
	}
}

// coverInBody has its cover picture in the body as well: once in a
// figure, once inline.
func coverInBody(t *testing.T) *doc.Document {
	c := chart(t)
	return &doc.Document{
		Meta:      doc.Meta{Title: "Cover also in the body", Lang: "en", CoverRef: c.Name},
		Resources: []*doc.Resource{c},
		Blocks: []doc.Block{
			&doc.Figure{Ref: c.Name, Alt: "Bar chart", Caption: []doc.Inline{txt("The cover again.")}},
			para(txt("And inline: "), &doc.Image{Ref: c.Name, Alt: "Bar chart, small"}),
		},
	}
}

// TestCoverAlsoInBodyIsEmbeddedOnce: a cover picture the body uses too is
// one copy of its bytes in the page (it was embedded twice: the header's
// <img> and the body's). The header holds the copy, decorative as the
// cover <img alt=""> was; the body's uses draw it with <use>. A cover the
// body does not use stays a plain <img>; so does a body image when the
// cover cannot be shown. The golden page (cover-in-body.html) passes the
// Nu checker with the others.
func TestCoverAlsoInBodyIsEmbeddedOnce(t *testing.T) {
	d := coverInBody(t)
	got, _ := write(t, Options{}, d)
	bytes40 := base64.StdEncoding.EncodeToString(d.Resources[0].Data)[:40]
	if n := strings.Count(got, bytes40); n != 1 {
		t.Errorf("%d copies of the cover's bytes, want 1", n)
	}
	for _, want := range []string{
		`<figure class="cover"><svg class="img" aria-hidden="true" width="240" height="120" viewBox="0 0 240 120"><image id="res-img-chart.png" width="240" height="120" href="data:image/png;base64,` + bytes40,
		`<svg class="img" role="img" aria-label="Bar chart" width="240" height="120" viewBox="0 0 240 120"><use href="#res-img-chart.png" /></svg>`,
		`<svg class="img" role="img" aria-label="Bar chart, small" width="240" height="120" viewBox="0 0 240 120"><use href="#res-img-chart.png" /></svg>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if header, _, _ := strings.Cut(got, `<div class="body">`); !strings.Contains(header, "<image id=") {
		t.Error("the one copy is not in the header, before the body's uses")
	}

	// The cover alone: a plain <img>, one copy.
	alone := coverInBody(t)
	alone.Blocks = []doc.Block{para(txt("No pictures here."))}
	got, _ = write(t, Options{}, alone)
	if n := strings.Count(got, bytes40); n != 1 || !strings.Contains(got, `<figure class="cover"><img src="data:image/png;base64,`+bytes40) {
		t.Errorf("a cover used only as the cover: %d copies, want one <img>", n)
	}

	// A fragment has no header: the body's two uses share one copy.
	frag, _ := write(t, Options{Fragment: true}, coverInBody(t))
	if n := strings.Count(frag, bytes40); n != 1 || !strings.Contains(frag, `<image id="res-img-chart.png"`) {
		t.Errorf("fragment: %d copies, want one, drawn in the body", n)
	}

	// In a pack each article's header holds its own copy under its own id.
	p := &doc.Pack{Meta: doc.PackMeta{Title: "Pack"}, Articles: []*doc.Document{coverInBody(t), coverInBody(t)}}
	var b bytes.Buffer
	if err := New(Options{}).WritePack(context.Background(), p, &b); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), bytes40); n != 2 {
		t.Errorf("pack of two: %d copies of the cover, want one per article", n)
	}
	if ids := sharedID.FindAllStringSubmatch(b.String(), -1); len(ids) != 2 || ids[0][1] == ids[1][1] {
		t.Errorf("pack cover ids %v, want two distinct", ids)
	}
}
