// Package normalize holds the passes that run between a reader and the
// writers. Each pass is a small function over the tree with one job; run in
// order they establish what every writer relies on: the title is in the
// metadata and not repeated in the body, body headings start at level 2,
// skip no level, stay within 6 and carry unique XML-safe ids, footnotes are numbered in order of first
// reference, the table of contents exists, the language is set, raw HTML is
// gone unless the user trusts it, no character illegal in XML remains, and
// text other than code is in Unicode's composed form (NFC).
//
// Decisions this package makes:
//   - A footnote defined but never referenced is dropped with a warning
//     (Pandoc does the same); a reference to a missing note stays visible as
//     its literal "[^label]" text with a warning.
//   - Heading ids are slugs that keep letters and digits of every script, so
//     a Cyrillic heading gets a Cyrillic id; an id that would not be a valid
//     XML name gets an "h-" prefix.
//   - Fragment output (--fragment) runs only the passes that do not reshape
//     the document: ids, notes, safety. The title stays in the body and
//     levels are kept, as Pandoc does without -s (only brought into 1–6).
//   - Heading levels never skip on the way down: "##" then "#####" become
//     2 and 3 (the Nu checker and EPUB outlines want a continuous
//     hierarchy); a heading sits one below the nearest earlier heading
//     written shallower than it.
package normalize

import (
	"context"

	"folio/pipeline/doc"
)

// Pass is one normalize step.
type Pass struct {
	Name string
	Run  func(ctx context.Context, d *doc.Document, o *Options) error
}

// Options tunes the passes.
type Options struct {
	// Fragment keeps the body as written (no title lifting, no level shift).
	Fragment bool
	// UnsafeHTML keeps raw HTML nodes for writers that can pass them on.
	UnsafeHTML bool
	// Stem is the input file's base name without extension: the title of a
	// document that has none.
	Stem string
	// Resolve turns an image reference into a resource; nil leaves images
	// unresolved.
	Resolve func(ctx context.Context, src string, pos doc.Pos) (*doc.Resource, error)
}

// Passes returns the passes for the options, in order.
func Passes(o *Options) []Pass {
	ps := []Pass{
		{"depth", capDepth},
		{"xml-chars", xmlChars},
		{"nfc", composeText},
		{"cjk-breaks", cjkBreaks},
		{"raw-anchors", rawAnchors},
		{"raw-html", rawHTML},
	}
	if !o.Fragment {
		ps = append(ps, Pass{"title", liftTitle})
	}
	ps = append(ps, Pass{"heading-levels", headingLevels})
	ps = append(ps,
		Pass{"meta-defaults", metaDefaults},
		Pass{"heading-ids", headingIDs},
		Pass{"notes", numberNotes},
		Pass{"internal-links", internalLinks},
		Pass{"resources", resolveResources},
		Pass{"toc", buildTOC},
	)
	return ps
}

// Run applies every pass to d in order. Warnings go to the context's sink.
func Run(ctx context.Context, d *doc.Document, o *Options) error {
	for _, p := range Passes(o) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.Run(ctx, d, o); err != nil {
			return err
		}
	}
	return nil
}
