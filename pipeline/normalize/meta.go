package normalize

import (
	"context"
	"regexp"
	"strings"

	"folio/pipeline/doc"
)

// langTag accepts the shape of a BCP 47 tag (language, optional script,
// region and variants); it is not a registry check.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// metaDefaults fills what every writer needs: a language and a title.
func metaDefaults(ctx context.Context, d *doc.Document, o *Options) error {
	m := &d.Meta
	m.Lang = strings.ReplaceAll(strings.TrimSpace(m.Lang), "_", "-")
	if m.Lang != "" && !langTag.MatchString(m.Lang) {
		doc.Warn(ctx, doc.Warning{Pos: m.Pos, Code: "lang-invalid",
			Message: "language " + quote(m.Lang) + " is not a language tag; using en"})
		m.Lang = ""
	}
	if m.Lang == "" {
		m.Lang = "en"
	}
	m.Title = strings.TrimSpace(m.Title)
	if m.Title == "" && len(d.Blocks) == 0 {
		msg := "the input has no content; writing an empty document"
		if !o.Fragment {
			msg += " titled from the file name"
		}
		doc.Warn(ctx, doc.Warning{Pos: doc.Pos{File: m.Pos.File, Line: 1}, Code: "empty-document", Message: msg})
	}
	if m.Title == "" && !o.Fragment {
		m.Title = o.Stem
	}
	return nil
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return "“" + s + "”"
}
