package normalize

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for the formats writers embed
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"path"
	"slices"
	"strings"

	"folio/pipeline/doc"
)

// Limits on images, checked before any pixel is decoded.
const (
	MaxImagePixels = doc.MaxImagePixels
	MaxImageBytes  = 20 << 20
	// MaxDocumentPixels bounds the pixels of all of a document's distinct
	// images together: each writer that draws pixels (the PDF) decodes
	// every image once, so this bounds its work as MaxImagePixels bounds
	// its memory.
	MaxDocumentPixels = 8 * MaxImagePixels
)

// ErrRefused is wrapped by resolvers for references they will not follow
// (outside the root, remote, not a regular file); Err's message says why.
var ErrRefused = errors.New("refused")

// resolveResources turns every image reference into a resource: bytes,
// sniffed media type and pixel size, stored once per content under a name
// derived from its hash. A reference that cannot be resolved keeps an empty
// Ref and gets a warning; writers then show its alt text or caption.
//
// Resources that arrive with the tree (a JSON tree carries its images)
// pass the same gate as files: sniffed, measured from their header,
// checked whole, and counted against the document's pixel budget; one
// that fails is dropped with a warning at its first reference, and one
// nothing refers to is dropped.
func resolveResources(ctx context.Context, d *doc.Document, o *Options) error {
	g := newGate(ctx, MaxDocumentPixels)
	for _, r := range d.Resources {
		if _, dup := g.given[r.Name]; !dup {
			g.given[r.Name] = r
		}
	}
	bySrc := map[string]string{}
	errBySrc := map[string]error{}
	// try resolves one source, once per document.
	try := func(src string, pos doc.Pos) (string, error) {
		if name, ok := bySrc[src]; ok {
			return name, errBySrc[src]
		}
		r, err := o.Resolve(ctx, src, pos)
		if err == nil {
			r, err = g.admit(r.Data)
		}
		name := ""
		if err == nil {
			if mismatch(src, r.MediaType) {
				doc.Warn(ctx, doc.Warning{Pos: pos, Code: "extension-mismatch",
					Message: fmt.Sprintf("image %s is really %s; embedded as what it is", quote(src), r.MediaType)})
			}
			name = r.Name
		}
		bySrc[src], errBySrc[src] = name, err
		return name, err
	}
	// resolve tries src, then each fallback, and returns the first that
	// is an image, with the source it came from. When none is, one
	// warning names the most telling failure: a local file's over a
	// remote source left unfetched.
	warned := map[string]bool{}
	resolve := func(src string, fallback []string, pos doc.Pos, alt string) (string, string) {
		if o.Resolve == nil {
			return "", ""
		}
		var firstErr, localErr error
		var firstSrc, localSrc string
		for _, s := range append([]string{src}, fallback...) {
			if s == "" {
				continue
			}
			name, err := try(s, pos)
			if err == nil {
				return name, s
			}
			if firstErr == nil {
				firstErr, firstSrc = err, s
			}
			var re *ResourceError
			if localErr == nil && !(errors.As(err, &re) && re.Code == "remote-disabled") {
				localErr, localSrc = err, s
			}
		}
		if firstErr == nil {
			return "", ""
		}
		if localErr != nil {
			firstErr, firstSrc = localErr, localSrc
		}
		key := strings.Join(append([]string{src}, fallback...), "\x00")
		if warned[key] {
			return "", ""
		}
		warned[key] = true
		w := resourceWarning(pos, firstSrc, firstErr, alt)
		if n := len(fallback); n > 0 {
			w.Message += fmt.Sprintf(" (%d other source(s) of this image could not be used either)", n)
		}
		doc.Warn(ctx, w)
		return "", ""
	}
	image := func(ref, src *string, fallback *[]string, pos doc.Pos, alt string) {
		if *ref != "" {
			if _, ok := g.given[*ref]; ok || *src == "" {
				*ref = g.givenName(*ref, *src, pos, alt)
				return
			}
			*ref = "" // names nothing the tree carries: read its source instead
		}
		if r, used := resolve(*src, *fallback, pos, alt); r != "" {
			*ref, *src, *fallback = r, used, nil
		}
	}
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Image:
			image(&n.Ref, &n.Src, &n.Fallback, n.Pos, n.Alt)
		case *doc.Figure:
			image(&n.Ref, &n.Src, &n.Fallback, n.Pos, n.Alt)
		}
		return doc.WalkContinue
	})
	if d.Meta.CoverRef != "" {
		d.Meta.CoverRef = g.givenName(d.Meta.CoverRef, d.Meta.Cover, d.Meta.Pos, "")
	} else if d.Meta.Cover != "" {
		d.Meta.CoverRef, _ = resolve(d.Meta.Cover, nil, d.Meta.Pos, "")
	}
	d.Resources = d.Resources[:0]
	for _, r := range g.kept {
		d.Resources = append(d.Resources, r)
	}
	slices.SortFunc(d.Resources, func(a, b *doc.Resource) int { return strings.Compare(a.Name, b.Name) })
	return nil
}

// gate admits a document's images: each distinct content is inspected
// once (however many references or spellings lead to it) and counted once
// against the document's pixel budget.
type gate struct {
	ctx      context.Context
	given    map[string]*doc.Resource // the tree's own resources, by name
	givenRef map[string]string        // a given name → its admitted name, or ""
	byHash   map[[32]byte]admitted
	kept     map[string]*doc.Resource // admitted, by name
	pixels   int64
	budget   int64 // the most pixels kept
}

func newGate(ctx context.Context, budget int64) *gate {
	return &gate{ctx: ctx, given: map[string]*doc.Resource{}, givenRef: map[string]string{},
		byHash: map[[32]byte]admitted{}, kept: map[string]*doc.Resource{}, budget: budget}
}

type admitted struct {
	res *doc.Resource
	err error
}

func (g *gate) admit(data []byte) (*doc.Resource, error) {
	sum := sha256.Sum256(data)
	if a, ok := g.byHash[sum]; ok {
		return a.res, a.err
	}
	r, err := Inspect(data)
	if err == nil {
		px := int64(r.Width) * int64(r.Height)
		if g.pixels+px > g.budget {
			r, err = nil, &ResourceError{"pixel-budget", fmt.Sprintf(
				"the document's images would hold more than %d MP together (this one is %d MP); it is left out",
				g.budget/1_000_000, px/1_000_000)}
		} else {
			g.pixels += px
			g.kept[r.Name] = r
		}
	}
	g.byHash[sum] = admitted{r, err}
	return r, err
}

// givenName admits the tree's own resource called name and returns the
// name it is kept under ("" when there is no such resource or it is
// refused: one warning per name, at its first reference).
func (g *gate) givenName(name, src string, pos doc.Pos, alt string) string {
	if kept, ok := g.givenRef[name]; ok {
		return kept
	}
	given, ok := g.given[name]
	var r *doc.Resource
	var err error
	if ok {
		r, err = g.admit(given.Data)
	} else {
		err = &ResourceError{"image-not-found", "the tree has no resource of that name"}
	}
	kept := ""
	if err == nil {
		kept = r.Name
	} else {
		if src == "" {
			src = name
		}
		doc.Warn(g.ctx, resourceWarning(pos, src, err, alt))
	}
	g.givenRef[name] = kept
	return kept
}

// ResourceError is an image that could not be used, with a warning code.
type ResourceError struct {
	Code string
	Msg  string
}

func (e *ResourceError) Error() string { return e.Msg }

// resourceWarning is the warning for an image that cannot be used; what
// stands in for it is the image's alt text, when it has one.
func resourceWarning(pos doc.Pos, src string, err error, alt string) doc.Warning {
	code := "image-not-found"
	var re *ResourceError
	if errors.As(err, &re) {
		code = re.Code
	}
	instead := "its alt text is shown instead"
	if strings.TrimSpace(alt) == "" {
		instead = "the picture is left out (it has no alt text to show instead)"
	}
	return doc.Warning{Pos: pos, Code: code, Message: fmt.Sprintf("image %s: %v; %s", quote(src), err, instead)}
}

var extByType = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}

// Inspect checks that data is an image Folio can embed (PNG, JPEG or GIF,
// by its bytes, not its name), within the size limits, and decodes it fully
// so a truncated file is caught here rather than inside a writer.
func Inspect(data []byte) (*doc.Resource, error) {
	if len(data) > MaxImageBytes {
		return nil, &ResourceError{"image-too-large", fmt.Sprintf("%d bytes > %d", len(data), MaxImageBytes)}
	}
	mt := http.DetectContentType(data)
	ext, ok := extByType[mt]
	if !ok && isSVG(data) {
		return nil, &ResourceError{"svg-unsupported", "SVG images are not embedded (they can carry scripts); convert it to PNG"}
	}
	if !ok {
		if strings.HasPrefix(mt, "image/") {
			return nil, &ResourceError{"unsupported-image", mt + " is not supported; use PNG, JPEG or GIF"}
		}
		return nil, &ResourceError{"not-an-image", "the file is " + mt + ", not an image"}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, &ResourceError{"corrupt-image", err.Error()}
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, &ResourceError{"image-too-large", fmt.Sprintf("%d×%d is %d MP > %d MP", cfg.Width, cfg.Height, px/1_000_000, MaxImagePixels/1_000_000)}
	}
	if err := checkDecodes(mt, data); err != nil {
		return nil, &ResourceError{"corrupt-image", err.Error()}
	}
	sum := sha256.Sum256(data)
	return &doc.Resource{
		Name: "img-" + hex.EncodeToString(sum[:6]) + ext, MediaType: mt,
		Width: cfg.Width, Height: cfg.Height, Data: data,
	}, nil
}

// checkDecodes verifies that the whole image decodes: PNGs row by row
// (see checkPNG), JPEG and GIF with their decoders (at most 1.5 or 1 byte
// a pixel for the first frame).
func checkDecodes(mediaType string, data []byte) error {
	if mediaType == "image/png" {
		return checkPNG(data)
	}
	_, _, err := image.Decode(bytes.NewReader(data))
	return err
}

// isSVG reports an SVG document (which http.DetectContentType calls
// text/xml or text/plain).
func isSVG(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<svg"))
}

// mismatch reports a file name whose image extension names another type
// than the bytes are.
func mismatch(src, mediaType string) bool {
	ext := strings.ToLower(path.Ext(strings.SplitN(src, "?", 2)[0]))
	want := map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}[ext]
	return want != "" && want != mediaType
}
