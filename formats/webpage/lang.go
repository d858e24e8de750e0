package webpage

import (
	"strings"

	"folio/formats/internal/langid"
	"folio/pipeline/doc"
)

// detectLang identifies the language of a page that does not declare one,
// from its first paragraphs; "" when there is too little text or the
// identifier is unsure.
func detectLang(d *doc.Document) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		if p, ok := blk.(*doc.Paragraph); ok {
			b.WriteString(doc.PlainText(p.Content))
			b.WriteByte(' ')
		}
		if b.Len() > langid.Enough {
			break
		}
	}
	return langid.Detect(b.String())
}
