package html

import (
	"bytes"
	"context"
	htmltemplate "html/template"
	"io"
	"strconv"

	"folio/assets"
	"folio/formats/internal/markup"
	"folio/pipeline/doc"
)

// packData is what a pack's page adds to the page data: its own metadata
// and one entry per article.
type packData struct {
	Marking, Editor string
	Articles        []*data
}

// WritePack renders a briefing pack as one page: the pack's title block,
// a contents list linking to each article, then each article in its own
// <article> element with its own title block, body and notes, in its own
// language. Article headings sit one level below the article's title (h3
// and down); anchors were made unique across the pack by the pipeline.
func (w *Writer) WritePack(ctx context.Context, p *doc.Pack, out io.Writer) error {
	m := &p.Meta
	labels := doc.LabelsFor(m.Lang)
	c := markup.Clean
	pd := &data{
		Lang:     pageLang(m.Lang),
		Dir:      m.Dir(),
		Title:    c(firstNonEmpty(m.Title, labels.Briefing)),
		Subtitle: c(m.Subtitle),
		Date:     newStamp(m.Date, m.Lang),
		Labels:   labels,
		CSS:      htmltemplate.CSS(assets.PageCSS() + assets.PackCSS()),
		Pack:     &packData{Marking: c(m.Marking), Editor: c(m.Editor)},
	}
	pd.Description = pd.Subtitle
	for i, d := range p.Articles {
		al := doc.LabelsFor(d.Meta.Lang)
		var body, notes bytes.Buffer
		cover := w.render(ctx, d, al, 1, articleID(i)+"-", &body, &notes)
		a := pageData(d, al, cover, &body, &notes)
		a.InPack = true
		a.ID = articleID(i)
		a.Line = c(joinNonEmpty(" · ", d.Meta.SourceName(), doc.ShowDate(d.Meta.Date, m.Lang)))
		pd.Pack.Articles = append(pd.Pack.Articles, a)
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "page.tmpl", pd); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
	return err
}

// articleID is the anchor of the i-th article (0-based), the stem of the
// prefix the pipeline gave its ids ("a1-…"), so it cannot collide with
// them.
func articleID(i int) string { return "a" + strconv.Itoa(i+1) }
