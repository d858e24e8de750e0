package normalize

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"folio/pipeline/doc"
)

// bombPNG is a small PNG whose header claims w×h grey pixels.
func bombPNG(w, h uint32) []byte {
	b := pngBytes(1, 1)
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestTreeResourcesPassTheGate is r08: images that arrive inside a JSON
// tree go through the same gate as files. A bomb, garbage labelled
// image/png and a reference to a resource the tree lacks are dropped with
// a warning each (once per resource, however many references); a good
// one is renamed by its content, typed by its bytes and measured; one
// nothing refers to is not kept.
func TestTreeResourcesPassTheGate(t *testing.T) {
	good := pngBytes(3, 2)
	d := &doc.Document{
		Meta: doc.Meta{CoverRef: "bomb", Pos: doc.Pos{File: "t.json", Line: 1}},
		Resources: []*doc.Resource{
			{Name: "bomb", MediaType: "image/png", Data: bombPNG(100000, 100000)},
			{Name: "garbage", MediaType: "image/png", Width: 5, Height: 5, Data: []byte("not an image at all, but labelled one")},
			{Name: "photo", MediaType: "image/gif", Width: 999, Data: good},
			{Name: "unused", MediaType: "image/png", Data: pngBytes(4, 4)},
		},
		Blocks: []doc.Block{
			&doc.Figure{Ref: "bomb", Pos: doc.Pos{Line: 2}},
			para(&doc.Image{Ref: "garbage", Pos: doc.Pos{Line: 3}}, &doc.Image{Ref: "garbage", Pos: doc.Pos{Line: 3}}),
			&doc.Figure{Ref: "photo", Pos: doc.Pos{Line: 4}},
			&doc.Figure{Ref: "nowhere", Pos: doc.Pos{Line: 5}},
		},
	}
	ws := run(t, d, Options{})
	if got := codes(ws); got != "image-too-large not-an-image image-not-found" {
		t.Errorf("warnings = %q", got)
	}
	if len(d.Resources) != 1 {
		t.Fatalf("resources %d, want only the good one", len(d.Resources))
	}
	r := d.Resources[0]
	if r.MediaType != "image/png" || r.Width != 3 || r.Height != 2 || r.Name == "photo" {
		t.Errorf("kept %s %s %d×%d, want a content name, image/png, 3×2", r.Name, r.MediaType, r.Width, r.Height)
	}
	if f := d.Blocks[2].(*doc.Figure); f.Ref != r.Name {
		t.Errorf("figure points at %q, want %q", f.Ref, r.Name)
	}
	if f := d.Blocks[0].(*doc.Figure); f.Ref != "" || d.Meta.CoverRef != "" {
		t.Errorf("the bomb is still referred to: figure %q, cover %q", f.Ref, d.Meta.CoverRef)
	}
}

// TestDocumentPixelBudget checks that the pixels of a document's distinct
// images are counted once each, however many times they are referenced,
// and that an image past the budget is left out with a warning.
func TestDocumentPixelBudget(t *testing.T) {
	var c doc.Collector
	g := newGate(doc.WithWarn(context.Background(), c.Add), 15)
	a, b := pngBytes(3, 2), pngBytes(4, 3)
	for range 3 {
		if _, err := g.admit(a); err != nil {
			t.Fatalf("6 pixels of 15: %v", err)
		}
	}
	_, err := g.admit(b)
	var re *ResourceError
	if !errorsAs(err, &re) || re.Code != "pixel-budget" {
		t.Errorf("6+12 > 15 pixels: err = %v, want pixel-budget", err)
	}
	if g.pixels != 6 || len(g.kept) != 1 {
		t.Errorf("kept %d images, %d pixels; want 1 and 6", len(g.kept), g.pixels)
	}
}
