package normalize

import (
	"context"
	"strings"

	"folio/pipeline/doc"
)

// metaDefaults fills what every writer needs: a language and a title.
func metaDefaults(ctx context.Context, d *doc.Document, o *Options) error {
	m := &d.Meta
	if tag, ok := doc.LangTag(m.Lang); ok {
		m.Lang = tag
	} else if m.Lang = strings.ReplaceAll(strings.TrimSpace(m.Lang), "_", "-"); m.Lang != "" {
		doc.Warn(ctx, doc.Warning{Pos: m.Pos, Code: "lang-invalid",
			Message: "language " + quote(m.Lang) + " is not a language tag; using en"})
		m.Lang = ""
	}
	for _, date := range []*string{&m.Date, &m.Updated} {
		if *date = strings.TrimSpace(*date); *date == "" {
			continue
		}
		if d, _, ok := doc.NormalizeDate(*date); ok {
			*date = d
		} else {
			doc.Warn(ctx, doc.Warning{Pos: m.Pos, Code: "date-invalid",
				Message: "date " + quote(*date) + " is not a date in the years 0001–9999 (write 2024-03-05 or 2024-03-05T14:30:00Z); shown as written"})
		}
	}
	if m.Lang == "" {
		m.Lang = "en"
	}
	m.Title = strings.TrimSpace(m.Title)
	if len(d.Blocks) == 0 && len(d.Notes) == 0 {
		msg := "the input has no content; writing an empty document"
		switch {
		case m.Title != "":
			// A saved page of a JavaScript application: a <title>, and
			// a body the browser would have filled.
			msg = "the input has a title but no body; writing the title alone"
		case !o.Fragment:
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
