package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/assets/fonts"
	"folio/formats/internal/bidi"
	"folio/formats/internal/typeset"
	"folio/pipeline/doc"

	tsbidi "github.com/go-text/typesetting/bidi"
)

// rgb is a text or fill colour.
type rgb [3]uint8

// style is how a run of text looks and what it links to.
type style struct {
	fam     fonts.Family
	bold    bool
	italic  bool
	strike  bool
	deco    deco // underline or tint (span.go)
	size    float64
	color   rgb
	rise    float64 // baseline shift for superscript/subscript
	link    string  // external URI (already checked)
	linkID  int     // internal fpdf link
	noteRef int     // this run is the reference mark of note N
}

func (s style) face() *fonts.Face { return fonts.Get(s.fam, fonts.StyleOf(s.bold, s.italic)) }

// span is a run of one style, one face and one bidi level, inside a word.
type span struct {
	st    style
	face  *fonts.Face
	text  []rune // logical order
	level uint8
	draw  string // what is drawn, in visual order
	width float64
	// anchors are the ids of the doc.Anchors that land on this run,
	// space-separated: at its start, or inside it, since a run is cut
	// for no anchor (Arabic is shaped, and a word hyphenated, a run at
	// a time).
	anchors string
}

// word is what the line breaker moves as a unit: the text between two
// spaces. space is the width of the space after it (0 when the next word
// continues it, as after a hard break inside a long token).
type word struct {
	spans []span
	width float64
	space float64
	brk   bool // a hard line break follows
}

// words turns inline content into words, choosing a face per character by
// coverage and resolving bidi levels for the paragraph. It returns the
// paragraph's direction (true for right to left).
func (l *layout) words(is []doc.Inline, st style, forceRTL bool) ([]word, bool) {
	b := &wordBuilder{l: l}
	b.inlines(is, st)
	b.endWord(0)
	if b.anchors != "" {
		// Anchors after the last character land on the last word; with
		// no word at all (a table cell holding only an anchor), on an
		// empty one, which draws nothing but its place.
		if n := len(b.words); n > 0 {
			sp := b.words[n-1].spans
			sp[len(sp)-1].anchors = joinIDs(sp[len(sp)-1].anchors, b.anchors)
		} else {
			b.words = append(b.words, word{spans: []span{{st: st, face: st.face(), anchors: b.anchors}}})
		}
	}
	rtl := l.resolveBidi(b.words, forceRTL)
	for i := range b.words {
		l.finishWord(&b.words[i])
	}
	return b.words, rtl
}

// joinIDs joins two space-separated lists of ids.
func joinIDs(a, b string) string { return strings.TrimSpace(a + " " + b) }

// plainWords is words for a plain string in one style.
func (l *layout) plainWords(s string, st style) ([]word, bool) {
	return l.words([]doc.Inline{&doc.Text{Value: s}}, st, l.rtl)
}

type wordBuilder struct {
	l     *layout
	words []word
	cur   word
	pre   bool // preformatted: spaces are characters, not word breaks
	// anchors are doc.Anchor ids waiting for the next character, whose
	// run carries them.
	anchors string
}

func (b *wordBuilder) endWord(space float64) {
	if len(b.cur.spans) == 0 {
		if n := len(b.words); n > 0 && b.words[n-1].space == 0 && space > 0 && !b.words[n-1].brk {
			b.words[n-1].space = space
		}
		return
	}
	b.cur.space = space
	b.words = append(b.words, b.cur)
	b.cur = word{}
}

func (b *wordBuilder) lineBreak() {
	b.endWord(0)
	if n := len(b.words); n > 0 {
		b.words[n-1].brk = true
	}
}

func (b *wordBuilder) inlines(is []doc.Inline, st style) {
	for _, in := range is {
		b.inline(in, st)
	}
}

func (b *wordBuilder) inline(in doc.Inline, st style) {
	switch n := in.(type) {
	case *doc.Text:
		b.text(n.Value, st, n.Pos)
	case *doc.Emph:
		st.italic = !st.italic
		b.inlines(n.Content, st)
	case *doc.Strong:
		st.bold = true
		b.inlines(n.Content, st)
	case *doc.Strike:
		st.strike = true
		b.inlines(n.Content, st)
	case *doc.Sub:
		st.rise = -st.size * 0.15
		st.size *= 0.72
		b.inlines(n.Content, st)
	case *doc.Sup:
		st.rise = st.size * 0.33
		st.size *= 0.72
		b.inlines(n.Content, st)
	case *doc.Span:
		b.inlines(n.Content, spanStyle(st, n.Style))
	case *doc.Code:
		st.fam = fonts.Mono
		st.size *= 0.9
		b.text(n.Value, st, n.Pos)
	case *doc.Link:
		b.inlines(n.Content, b.l.linkStyle(st, n))
	case *doc.Image:
		alt := n.Alt
		if alt == "" {
			alt = n.Title
		}
		if alt != "" {
			st.italic = true
			b.text("["+alt+"]", st, n.Pos)
		}
	case *doc.LineBreak:
		b.lineBreak()
	case *doc.SoftBreak:
		b.endWord(b.spaceWidth(st))
	case *doc.NoteRef:
		st.rise = st.size * 0.33
		st.size *= 0.7
		st.fam = fonts.Sans
		st.bold = true
		st.color = colLink
		st.link = ""
		st.linkID = b.l.noteLink(n.Number)
		st.noteRef = n.Number
		b.text(fmt.Sprint(n.Number), st, n.Pos)
	case *doc.Anchor:
		b.anchors = joinIDs(b.anchors, n.ID)
	case *doc.RawInline:
		// Raw markup in another language has no meaning on paper.
	}
}

func (b *wordBuilder) spaceWidth(st style) float64 {
	return float64(st.face().Width(' ')) * st.size / 1000
}

func (b *wordBuilder) text(s string, st style, pos doc.Pos) {
	named, brk := false, false // named: the last character was shown by name
	for i, w := 0, 0; i < len(s); i += w {
		var r rune
		r, w = utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			w = b.astral(s[i:], st, pos) // astral.go
			named = true
			continue
		}
		if named && skipAfterNamed(r) {
			continue
		}
		named = false
		// A line may break before and after an ideograph (astral.go).
		if (brk || (breaksAround(r) && !b.pre)) && !strings.ContainsRune(noBreakBefore, r) {
			b.endWord(0)
		}
		brk = breaksAround(r) && !b.pre
		if b.pre && unicode.IsSpace(r) {
			r = ' ' // a code line is one word: every space is a character of it
		} else {
			switch {
			case r == ' ' || r == '\t' || r == '\n' || r == '\r' || (unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' && r != '\u2007'):
				b.endWord(b.spaceWidth(st))
				continue
			case r == '\u00A0' || r == '\u202F' || r == '\u2007':
				r = ' ' // no-break spaces hold words together
			case unicode.Is(unicode.Cf, r):
				continue // invisible format characters (soft hyphen, bidi marks, ZWJ)
			case !doc.TextChar(r):
				continue // controls and noncharacters draw nothing (normalize removed them already)
			}
		}
		face := b.l.faceFor(st, r, pos)
		if face == nil {
			// An emoji no face has is shown by name, as one above
			// U+FFFF is (astral.go); anything else as U+FFFD.
			if name, n := emojiSequence(s[i:]); name != "" {
				b.named(name, st, pos)
				named, w = true, n
				continue
			}
			face, r = b.l.missingGlyph(r, pos)
		}
		if n := len(b.cur.spans); n > 0 && b.cur.spans[n-1].face == face && b.cur.spans[n-1].st == st {
			sp := &b.cur.spans[n-1]
			sp.text = append(sp.text, r)
			sp.anchors, b.anchors = joinIDs(sp.anchors, b.anchors), ""
			continue
		}
		b.cur.spans = append(b.cur.spans, span{st: st, face: face, text: []rune{r}, anchors: b.anchors})
		b.anchors = ""
	}
}

// faceFor picks the face that draws r in style st: the style's own face,
// then DejaVu Sans in the same style, then DejaVu Sans regular, then a
// face Options.Fonts found; nil when no face has r.
func (l *layout) faceFor(st style, r rune, pos doc.Pos) *fonts.Face {
	sty := fonts.StyleOf(st.bold, st.italic)
	if f := fonts.Get(st.fam, sty); f.Has(r) {
		return f
	}
	if f := fonts.Get(fonts.Fallback, sty); f.Has(r) {
		return f
	}
	if fb := fonts.Get(fonts.Fallback, fonts.Regular); fb.Has(r) {
		return fb
	}
	return l.extraFace(r, pos)
}

// missingGlyph is what draws a character no face has: U+FFFD, with a
// glyph-missing warning once per character and document.
func (l *layout) missingGlyph(r rune, pos doc.Pos) (*fonts.Face, rune) {
	fb := fonts.Get(fonts.Fallback, fonts.Regular)
	if !l.missing[r] {
		l.missing[r] = true
		l.warn(doc.Warning{Pos: pos, Code: "glyph-missing",
			Message: fmt.Sprintf("no font has a glyph for %U %q; drawn as U+FFFD", r, r)})
	}
	return fb, '\uFFFD'
}

// resolveBidi gives every character its bidi embedding level and splits
// spans where the level changes. The paragraph direction is the document's
// for right-to-left documents, and the first strong character's otherwise.
func (l *layout) resolveBidi(words []word, forceRTL bool) bool {
	rtl := forceRTL
	if !rtl {
		if !hasRTL(words) {
			return false
		}
		rtl = firstStrongRTL(words)
	}
	levelWords(words, rtl)
	return rtl
}

// levelWords gives every character of words, one bidi paragraph in the
// direction rtl, its embedding level and splits spans where the level
// changes.
func levelWords(words []word, rtl bool) {
	var text []rune
	for _, w := range words {
		for _, s := range w.spans {
			text = append(text, s.text...)
		}
		text = append(text, ' ')
	}
	dir := tsbidi.LeftToRight
	if rtl {
		dir = tsbidi.RightToLeft
	}
	var p tsbidi.Paragraph
	runs := p.Segment(text, dir)
	levels := make([]uint8, len(text))
	for i := 0; i < runs.NumRuns(); i++ {
		r := runs.Run(i)
		for j := r.Start; j < r.End && j < len(levels); j++ {
			levels[j] = uint8(r.Level)
		}
	}
	k := 0
	for wi := range words {
		var out []span
		for _, s := range words[wi].spans {
			start := 0
			for j := 1; j <= len(s.text); j++ {
				if j == len(s.text) || levels[k+j] != levels[k+start] {
					part := s
					part.text = s.text[start:j]
					part.level = levels[k+start]
					out = append(out, part)
					start = j
				}
			}
			k += len(s.text)
		}
		words[wi].spans = out
		k++ // the space between words
	}
}

func hasRTL(words []word) bool {
	for _, w := range words {
		for _, s := range w.spans {
			for _, r := range s.text {
				if bidi.RTL(r) {
					return true
				}
			}
		}
	}
	return false
}

func firstStrongRTL(words []word) bool {
	for _, w := range words {
		for _, s := range w.spans {
			if _, rtl, found := bidi.FirstStrong(s.text); found {
				return rtl
			}
		}
	}
	return false
}

// finishWord computes what each span draws and how wide it is.
func (l *layout) finishWord(w *word) {
	w.width = 0
	for i := range w.spans {
		l.finishSpan(&w.spans[i])
		w.width += w.spans[i].width
	}
}

func (l *layout) finishSpan(s *span) {
	if s.level%2 == 1 {
		s.draw = l.visualRTL(s)
	} else {
		s.draw = string(s.text)
	}
	s.width = float64(s.face.StringWidth(s.draw)) * s.st.size / 1000
}

// visualRTL returns a right-to-left span in drawing order. Arabic is shaped
// with HarfBuzz (go-text/typesetting) and each glyph mapped back to the
// character the face draws it for (the Arabic Presentation Forms), because
// fpdf places characters one by one and cannot join letters itself.
func (l *layout) visualRTL(s *span) string {
	if slices.ContainsFunc(s.text, bidi.Arabic) {
		if out, ok := l.shapeArabic(s.face, s.text); ok {
			return out
		}
	}
	rs := make([]rune, len(s.text))
	for i, r := range s.text {
		rs[len(rs)-1-i] = typeset.Mirror(r)
	}
	return string(rs)
}

// shapeArabic shapes Arabic text into presentation forms in drawing order
// (typeset.Shaper.PresentationForms), with one shaper per document.
func (l *layout) shapeArabic(face *fonts.Face, text []rune) (string, bool) {
	if l.shaper == nil {
		l.shaper = &typeset.Shaper{}
	}
	out, ok := l.shaper.PresentationForms(face, text, l.d.Meta.Lang)
	for _, r := range out {
		if isForm(r) {
			if l.forms == nil {
				l.forms = map[rune]bool{}
			}
			l.forms[r] = true
		}
	}
	return out, ok
}
