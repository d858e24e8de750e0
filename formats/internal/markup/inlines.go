package markup

import (
	"bytes"
	"strconv"

	"folio/pipeline/doc"
)

// Inlines renders an inline sequence.
func (r *Renderer) Inlines(w *bytes.Buffer, is []doc.Inline) {
	for _, n := range is {
		r.inline(w, n)
	}
}

func (r *Renderer) inline(w *bytes.Buffer, n doc.Inline) {
	switch n := n.(type) {
	case *doc.Text:
		writeEscaped(w, n.Value)
	case *doc.Emph:
		r.wrap(w, "em", n.Content)
	case *doc.Strong:
		r.wrap(w, "strong", n.Content)
	case *doc.Strike:
		r.wrap(w, "del", n.Content)
	case *doc.Sub:
		r.wrap(w, "sub", n.Content)
	case *doc.Sup:
		r.wrap(w, "sup", n.Content)
	case *doc.Span:
		r.span(w, n)
	case *doc.Code:
		w.WriteString("<code>")
		writeEscaped(w, n.Value)
		w.WriteString("</code>")
	case *doc.Link:
		r.link(w, n)
	case *doc.Image:
		r.image(w, n, true)
	case *doc.LineBreak:
		w.WriteString("<br />\n")
	case *doc.SoftBreak:
		w.WriteByte('\n')
	case *doc.NoteRef:
		r.noteRef(w, n)
	case *doc.Anchor:
		// A place a link goes to: an empty span holds the id.
		if r.opts.HeadingIDs && n.ID != "" {
			w.WriteString("<span")
			writeAttr(w, "id", n.ID)
			w.WriteString("></span>")
		}
	case *doc.RawInline:
		r.raw(w, n.Format, n.Text, n.Pos)
	case nil:
	default:
		r.warnf(n.Position(), "unknown-node", "inline of kind "+n.Kind()+" not rendered")
	}
}

func (r *Renderer) wrap(w *bytes.Buffer, tag string, content []doc.Inline) {
	w.WriteString("<" + tag + ">")
	r.Inlines(w, content)
	w.WriteString("</" + tag + ">")
}

// href returns the attribute value for a link target, or false when the
// target must not become a link.
func (r *Renderer) href(url string, pos doc.Pos) (string, bool) {
	switch classifyURL(url) {
	case linkExternal:
		return escapeURL(url, false), true
	case linkInternal:
		return r.fragmentHref(url[1:], pos), true
	case linkRelative:
		if r.opts.AllowRelativeLinks {
			return escapeURL(url, false), true
		}
	case linkUnsafe:
		if r.opts.AnyScheme && !dangerousScheme(url) {
			return escapeURL(url, false), true
		}
	}
	return "", false
}

func (r *Renderer) link(w *bytes.Buffer, n *doc.Link) {
	href, ok := r.href(n.URL, n.Pos)
	if n.Batch != nil && r.opts.BatchHref != nil {
		if h := r.opts.BatchHref(n.Batch); h != "" {
			href, ok = escapeURL(h, false), true
		}
	}
	if !ok {
		code := "unsafe-url"
		if classifyURL(n.URL) == linkRelative {
			code = "relative-link-dropped"
		}
		r.warnf(n.Pos, code, LinkAsText(n.URL))
		r.Inlines(w, n.Content)
		return
	}
	if r.inLink > 0 { // <a> inside <a> is invalid HTML: keep the outer one
		r.Inlines(w, n.Content)
		return
	}
	w.WriteString("<a")
	writeAttr(w, "href", href)
	if n.Title != "" {
		writeAttr(w, "title", n.Title)
	}
	w.WriteByte('>')
	r.inLink++
	r.Inlines(w, n.Content)
	r.inLink--
	w.WriteString("</a>")
}

// image writes an <img> for a resolved image; in "as written" mode (no
// ImageSrc) an unresolved image keeps its Src when that URL is safe.
// Otherwise, when inline is true, it writes the alt text instead.
func (r *Renderer) image(w *bytes.Buffer, n *doc.Image, inline bool) {
	id, shared := r.opts.SharedImages[n.Ref]
	if size, ok := r.drawn[id]; shared && ok {
		// Drawn before: neither the bytes nor their URL are needed again.
		r.sharedImage(w, n, id, "", size[0], size[1])
		return
	}
	src, width, height := r.imageSrc(n)
	if src == "" {
		if inline {
			writeEscaped(w, n.Alt)
		}
		return
	}
	if shared && width > 0 && height > 0 {
		r.sharedImage(w, n, id, src, width, height)
		return
	}
	w.WriteString("<img")
	writeAttr(w, "src", src)
	writeAttr(w, "alt", n.Alt)
	if n.Title != "" {
		writeAttr(w, "title", n.Title)
	}
	if width > 0 && height > 0 {
		writeAttr(w, "width", strconv.Itoa(width))
		writeAttr(w, "height", strconv.Itoa(height))
	}
	w.WriteString(" />")
}

// sharedImage writes an image used more than once as an inline SVG of
// its size: the first embeds the bytes in an <image> with id, the others
// <use> it. Its alt text is the SVG's accessible name (an empty alt hides
// it from assistive technology, as alt="" does), its title a <title>.
func (r *Renderer) sharedImage(w *bytes.Buffer, n *doc.Image, id, src string, width, height int) {
	ws, hs := strconv.Itoa(width), strconv.Itoa(height)
	w.WriteString(`<svg class="img"`)
	if n.Alt == "" {
		writeAttr(w, "aria-hidden", "true")
	} else {
		writeAttr(w, "role", "img")
		writeAttr(w, "aria-label", n.Alt)
	}
	writeAttr(w, "width", ws)
	writeAttr(w, "height", hs)
	writeAttr(w, "viewBox", "0 0 "+ws+" "+hs)
	w.WriteByte('>')
	if n.Title != "" {
		w.WriteString("<title>")
		writeEscaped(w, n.Title)
		w.WriteString("</title>")
	}
	if _, ok := r.drawn[id]; ok {
		w.WriteString("<use")
		writeAttr(w, "href", "#"+id)
	} else {
		r.drawn[id] = [2]int{width, height}
		w.WriteString("<image")
		writeAttr(w, "id", id)
		writeAttr(w, "width", ws)
		writeAttr(w, "height", hs)
		writeAttr(w, "href", src)
	}
	w.WriteString(" /></svg>")
}

func (r *Renderer) imageSrc(n *doc.Image) (src string, width, height int) {
	if r.opts.ImageSrc != nil && (n.Ref != "" || !r.opts.KeepUnresolvedSrc) {
		if n.Ref == "" || r.opts.Resource == nil {
			return "", 0, 0
		}
		res := r.opts.Resource(n.Ref)
		if res == nil {
			r.warnf(n.Pos, "image-missing", "image resource "+strconv.Quote(n.Ref)+" not found; alt text shown")
			return "", 0, 0
		}
		src := r.opts.ImageSrc(res)
		if src == "" { // the writer cannot show this resource
			return "", 0, 0
		}
		return escapeURL(src, false), res.Width, res.Height
	}
	if n.Src == "" && n.Ref == "" {
		return "", 0, 0
	}
	switch classifyURL(n.Src) {
	case linkExternal, linkRelative, linkInternal:
		return escapeURL(n.Src, false), 0, 0
	}
	r.warnf(n.Pos, "unsafe-url", "image source "+strconv.Quote(shorten(n.Src))+" refused; alt text shown")
	return "", 0, 0
}

func (r *Renderer) noteRef(w *bytes.Buffer, n *doc.NoteRef) {
	id, ok := r.noteIDs[n.Number]
	if !ok {
		r.warnf(n.Pos, "note-missing", "reference to note "+strconv.Quote(n.Label)+" has no note")
		w.WriteString("<sup>")
		writeEscaped(w, "["+n.Label+"]")
		w.WriteString("</sup>")
		return
	}
	w.WriteString(`<sup class="footnote-ref"><a`)
	writeAttr(w, "href", r.fragmentHref(id, n.Pos))
	if n.ID != "" {
		r.refs[n.Number] = append(r.refs[n.Number], n.ID)
		writeAttr(w, "id", n.ID)
	}
	if r.opts.NoteStyle.epub() {
		w.WriteString(` epub:type="noteref"`)
	}
	w.WriteString(` role="doc-noteref">`)
	w.WriteString(strconv.Itoa(n.Number))
	w.WriteString("</a></sup>")
}

func (r *Renderer) fragmentHref(id string, pos doc.Pos) string {
	if r.opts.Href != nil {
		return escapeURL(r.opts.Href(id, pos), true)
	}
	return escapeURL("#"+id, true)
}

// span writes a styled span as the HTML element of its style; an unknown
// style shows its content plain.
func (r *Renderer) span(w *bytes.Buffer, n *doc.Span) {
	switch n.Style {
	case doc.SpanUnderline:
		r.wrap(w, "u", n.Content)
	case doc.SpanMark:
		r.wrap(w, "mark", n.Content)
	case doc.SpanKbd:
		r.wrap(w, "kbd", n.Content)
	default:
		r.Inlines(w, n.Content)
	}
}
