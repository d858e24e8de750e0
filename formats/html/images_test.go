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
