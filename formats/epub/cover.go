package epub

import (
	"fmt"
	"strings"

	"folio/formats/internal/typeset"
	"folio/pipeline/doc"
)

// coverImageFile is the generated or given cover's name in EPUB/images/.
const coverImageFile = "cover"

// coverMedia is the document's cover resource when it has a usable one,
// else a generated typographic cover (typeset.DrawCover).
func coverMedia(d *doc.Document, b *book) (*media, error) {
	if r := d.Resource(d.Meta.CoverRef); r != nil && coreImage(r.MediaType) {
		ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}[r.MediaType]
		return &media{file: coverImageFile + ext, mediaType: r.MediaType, data: r.Data}, nil
	}
	data, err := typeset.DrawCover(typeset.Cover{
		Title:    b.title,
		Subtitle: b.subtitle,
		Kicker:   coverKicker(b),
		Byline:   strings.Join(b.authors, " · "),
		Date:     clean(doc.ShowDate(d.Meta.Date, d.Meta.Lang)),
		Lang:     b.lang,
		RTL:      b.dir == "rtl",
	})
	if err != nil {
		return nil, fmt.Errorf("epub: cover: %w", err)
	}
	return &media{file: coverImageFile + ".png", mediaType: "image/png", data: data}, nil
}

// coverKicker is the small line above the title: the publisher, or the
// source's host name.
func coverKicker(b *book) string {
	if b.publisher != "" {
		return b.publisher
	}
	s := b.source
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "www.")
}
