package article

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"folio/internal/quality"
	"folio/pipeline/doc"
)

func read(t *testing.T, src string, opts Options) (*doc.Document, []doc.Warning) {
	t.Helper()
	d, ws, err := New(opts).Read([]byte(src), "in.txt")
	if err != nil {
		t.Fatal(err)
	}
	return d, ws
}

// body is a few paragraphs of running text to put after a header under test.
const body = `Officials in the region said on Tuesday that the new agreement would take effect within weeks, although several details remain to be settled by the technical committees.

The talks had stalled twice over the past year, first over the sharing of data and then over the schedule for releases from the upstream reservoirs during the summer.
`

func TestMetadata(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, m doc.Meta)
	}{
		{"breadcrumb with no-break spaces becomes tags and section",
			"Headline About Water Talks\n\nNews\u00a0|\u00a0Environment\u00a0|\u00a0Central Asia\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "section", m.Section, "News")
				want(t, "tags", m.Tags, []string{"Environment", "Central Asia"})
			}},
		{"breadcrumb with arrows drops Home and keeps a non-section first item as a tag",
			"Home › Water › Rivers\n\nHeadline About Water Talks\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "section", m.Section, "")
				want(t, "tags", m.Tags, []string{"Water", "Rivers"})
			}},
		{"a breadcrumb with doubled arrows is a breadcrumb, not the headline",
			"Home >> Water >> Rivers >> Article\nHeadline About Water Talks\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "Headline About Water Talks")
				want(t, "tags", m.Tags, []string{"Water", "Rivers", "Article"})
			}},
		{"page title with a site suffix gives the publisher when the headline repeats",
			"Headline About Water Talks | The Daily Example\n\nHeadline About Water Talks\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "Headline About Water Talks")
				want(t, "publisher", m.Publisher, "The Daily Example")
			}},
		{"a dash suffix is kept when nothing confirms it is a site",
			"Water Talks – A Long Road\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "title", m.Title, "Water Talks – A Long Road")
				want(t, "publisher", m.Publisher, "")
			}},
		{"byline names split on and and commas, agency after the list is the publisher",
			"Headline About Water Talks\n\nBy Jane Doe, John Roe and Ann Poe, Example Wire\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Jane Doe", "John Roe", "Ann Poe"})
				want(t, "publisher", m.Publisher, "Example Wire")
			}},
		{"written-by and author labels are bylines",
			"Headline About Water Talks\n\nWritten by Jane Doe\nAuthor: John Roe\n\n" + body,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string{"Jane Doe", "John Roe"}) }},
		{"byline and date on one line",
			"Headline About Water Talks\n\nBy Jane Doe | March 5, 2024 | 4 min read\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Jane Doe"})
				want(t, "date", m.Date, "2024-03-05")
			}},
		{"updated line fills Updated, published line fills Date",
			"Headline About Water Talks\n\nPublished 05.03.2024\nUpdated: March 6, 2024 at 10:32 GMT\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "date", m.Date, "2024-03-05")
				want(t, "updated", m.Updated, "2024-03-06")
			}},
		{"dateline at the start of the first paragraph",
			"Headline About Water Talks\n\nLONDON (Reuters) - " + body,
			func(t *testing.T, m doc.Meta) { want(t, "dateline", m.Dateline, "LONDON (Reuters)") }},
		{"dateline with a country",
			"Headline About Water Talks\n\nKYIV, Ukraine — " + body,
			func(t *testing.T, m doc.Meta) { want(t, "dateline", m.Dateline, "KYIV, Ukraine") }},
		{"source line with a URL is the source, without one the publisher",
			"Headline About Water Talks\n\nSource: https://example.org/a/1\nPublisher: Example Press\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "source", m.Source, "https://example.org/a/1")
				want(t, "publisher", m.Publisher, "Example Press")
			}},
		{"a byline and date below the first paragraph are metadata",
			"Headline About Water Talks\n\nA teaser paragraph that introduces the story for readers who skim the page.\n\n" +
				"The talks opened on Monday with a statement from both delegations about the river and its dams.\n\nVon Anna Müller\n3. März 2024\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Anna Müller"})
				want(t, "date", m.Date, "2024-03-03")
			}},
		{"a date on a short line by the headline, among other words",
			"Headline About Water Talks\n\n3. August 2015 · Filed under Travel\n\n" + body,
			func(t *testing.T, m doc.Meta) { want(t, "date", m.Date, "2015-08-03") }},
		{"a date in the first sentence is not the article's date",
			"Headline About Water Talks\n\nOn March 5, 2024, the committee met for the first time since the talks began.\n\n" + body,
			func(t *testing.T, m doc.Meta) { want(t, "date", m.Date, "") }},
		{"a name apart from the date on a dated line by the headline",
			"Headline About Water Talks\n\n30. Oktober 2019 | Jane Roe\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Jane Roe"})
				want(t, "date", m.Date, "2019-10-30")
			}},
		{"a comment count after the date is not part of the name",
			"Headline About Water Talks\n\nJane Roe March 9, 2017 13\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Jane Roe"})
				want(t, "date", m.Date, "2017-03-09")
			}},
		{"a prompt to comment after the name is not part of it",
			"Headline About Water Talks\n\n26. September 2019 Ulrike Roe Schreibe einen Kommentar\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Ulrike Roe"})
				want(t, "date", m.Date, "2019-09-26")
			}},
		{"a comment count after a byline with its date",
			"Headline About Water Talks\n\nJuly 24, 2019 by Amy Roe 5 Comments\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string{"Amy Roe"})
				want(t, "date", m.Date, "2019-07-24")
			}},
		{"a forum's advertisement is no author",
			"Headline About Water Talks\n\nvon Gesponserte Inhalte\n\n" + body,
			func(t *testing.T, m doc.Meta) { want(t, "authors", m.Authors, []string(nil)) }},
		{"labels and clock words on a dated line are not names",
			"Headline About Water Talks\n\nPublished: 05.01.2020 12:00 GMT | Im Wortlaut\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "authors", m.Authors, []string(nil))
				want(t, "date", m.Date, "2020-01-05")
			}},
		{"tags label at the end adds tags",
			"Headline About Water Talks\n\n" + body + "\nTags: Water, Diplomacy\n",
			func(t *testing.T, m doc.Meta) { want(t, "tags", m.Tags, []string{"Water", "Diplomacy"}) }},
		{"standfirst before the photo credit is the subtitle",
			"Headline About Water Talks\n\nA short summary of the story that tells the reader what it is about.\n\nHeadline About Water Talks\nCredit: Example Agency\n\n" + body,
			func(t *testing.T, m doc.Meta) {
				want(t, "subtitle", m.Subtitle, "A short summary of the story that tells the reader what it is about.")
			}},
		{"first paragraph straight after the headline is body, not subtitle",
			"Headline About Water Talks\n\n" + body,
			func(t *testing.T, m doc.Meta) { want(t, "subtitle", m.Subtitle, "") }},
		{"short text stays English",
			"Заголовок\n\nКороткий текст.\n",
			func(t *testing.T, m doc.Meta) { want(t, "lang", m.Lang, "en") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, tt.src, Options{})
			tt.check(t, d.Meta)
		})
	}
}

func want(t *testing.T, field string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

// TestNamesAboveTheDate: a line of bare names just above the date line by
// the headline names the authors and leaves the body; a line that is not
// only names does not.
func TestNamesAboveTheDate(t *testing.T) {
	for _, tt := range []struct {
		line    string
		authors []string
	}{
		{"Ibtisam Roe, Ruwaida Kamal Roe", []string{"Ibtisam Roe", "Ruwaida Kamal Roe"}},
		{"Anna Roe und Jan Poe", []string{"Anna Roe", "Jan Poe"}},
		{"Read the full report here", nil},
	} {
		t.Run(tt.line, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+tt.line+"\nNovember 8 2023, 3:18 p.m.\n\n"+body, Options{})
			want(t, "authors", d.Meta.Authors, tt.authors)
			want(t, "date", d.Meta.Date, "2023-11-08")
			for _, b := range d.Blocks {
				var in []doc.Inline
				switch b := b.(type) {
				case *doc.Paragraph:
					in = b.Content
				case *doc.Heading:
					in = b.Content
				}
				if tt.authors != nil && strings.Contains(doc.PlainText(in), tt.authors[0]) {
					t.Errorf("the names stay in the body")
				}
			}
		})
	}
}

// TestLeadAlone: a byline's lead word on a line of its own by the
// headline, the names on the next line.
func TestLeadAlone(t *testing.T) {
	for _, tt := range []struct {
		top     string
		authors []string
	}{
		{"Von\n\nDieter Roe\n\n", []string{"Dieter Roe"}},
		{"10.12.2022 18:27 von\nHinrich Roe\n\n", []string{"Hinrich Roe"}},
		{"by\ndelta\n\n", []string{"delta"}},
		{"US & Canada is sponsored by\nExample Bank\n\n", nil},
		// In a block of short metadata lines that runs past the lines
		// searched by the headline.
		{"Delegates at the venue\nFoto: Anita Roe\n\nThe talks opened on Monday with a long statement from the chair, who said that " +
			"the three governments had agreed on a schedule for the releases from the upstream reservoirs during the summer months.\n\n" +
			"1,0 bei 2 Bewertungen\nDatum:\n03.11.2021\n\nAutor:\nPeter Roe/SP-X\nLesezeit:\n5 min\n\n", []string{"Peter Roe"}},
	} {
		t.Run(tt.top, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+tt.top+body, Options{})
			want(t, "authors", d.Meta.Authors, tt.authors)
		})
	}
}

// TestHeaderDateIsNotTheArticles: a date line far above the headline is
// the site's header (today's date above the menu), not the article's;
// one by the headline is.
func TestHeaderDateIsNotTheArticles(t *testing.T) {
	menu := "Login\nAbo\nNewsletter\nHome\nPolitik\nDeutschland\nInternational\nUnternehmen\nFinanzen\nTechnologie\nKarriere\nMeinung\n"
	for _, tt := range []struct {
		name, near, date string
	}{
		{"with a date by the headline", "27.04.2020 - 18:50 Uhr\n\n", "2020-04-27"},
		{"without one", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "Mittwoch, 8. Juli 2020\n"+menu+"\nHeadline About Water Talks\n\n"+tt.near+body, Options{})
			want(t, "title", d.Meta.Title, "Headline About Water Talks")
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

// TestDateInTheBodyAfterTheHeadlinesDate: a date alone on its line after
// the first paragraph heads a part of the body (a day's schedule) when the
// headline has a date by it; without one it dates the article (a date
// below a teaser).
func TestDateInTheBodyAfterTheHeadlinesDate(t *testing.T) {
	for _, tt := range []struct {
		name, near, date string
	}{
		{"with a date by the headline", "31. Jan. 2022 in Köln, Deutschland\n\n", "2022-01-31"},
		{"without one", "", "2022-02-03"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+tt.near+body+"\nDonnerstag, 03. Februar 2022\n\n"+body, Options{})
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

// TestBareAddressAfterTheArticle: a line that is nothing but an address
// names the source just after the article, not further down among the
// comments, unless its path says the headline.
func TestBareAddressAfterTheArticle(t *testing.T) {
	comments := "\nAntworten\n\nJane Roe 07.08.2017 // 16:18\n\nDie Artikel finden Sie unter diesen Links:\n"
	for _, tt := range []struct {
		name, tail, source string
	}{
		{"just after the article", "https://example.org/water/talks-resume\n", "https://example.org/water/talks-resume"},
		{"in a comment", comments + "https://example.org/other/story-about-rivers\n", ""},
		{"the article's own, in a comment", comments + "https://example.org/news/headline-about-water-talks\n", "https://example.org/news/headline-about-water-talks"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+body+"\n"+tt.tail, Options{})
			want(t, "source", d.Meta.Source, tt.source)
		})
	}
}

// TestParagraphOpeningWithItsDate: a paragraph by the headline that opens
// with its date, after nothing but a label, dates the article; one that
// opens with a glue word before the date tells of an event.
func TestParagraphOpeningWithItsDate(t *testing.T) {
	for _, tt := range []struct {
		name, lead, date string
	}{
		{"label", "Pressemitteilung vom 25. Januar 2022 | Berlin – Die Stadt hat heute den neuen Plan für ihre Schulen vorgestellt.\n\n", "2022-01-25"},
		{"weekday", "Dienstag, 01.02.2022 Der Arbeitsmarkt zeigt sich im Januar stabil, sagte die Behörde am Morgen in Nürnberg.\n\n", "2022-02-01"},
		{"glue word", "On March 5, 2024, the committee met for the first time since the crisis began last winter.\n\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+tt.lead+body, Options{})
			want(t, "title", d.Meta.Title, "Headline About Water Talks")
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

// TestSlashedDateByTheHeadline: a date written with slashes by the
// headline is read where the text's language writes the day first, or
// where only one reading is a day; an ambiguous one in English is not.
func TestSlashedDateByTheHeadline(t *testing.T) {
	const german = `Die Gespräche über das Wasser des Flusses sollen in den kommenden Wochen wieder aufgenommen werden, nachdem sie im Herbst zweimal ins Stocken geraten waren und die Bauern lange gewartet hatten.

Die Landwirte am Unterlauf, die für die Bewässerung ihrer Felder auf den Fluss angewiesen sind, drängen seit Jahren auf eine Einigung und begrüßten die Nachricht des Ministeriums am Dienstag.

Über die Einzelheiten wollen die Fachausschüsse im nächsten Monat beraten, und erst dann wird sich zeigen, ob die Vereinbarung in der Praxis auch funktioniert und hält.
`
	for _, tt := range []struct {
		name, line, text, date string
	}{
		{"German, both readings days", "Veröffentlicht am 03/05/2022 von Anna Roe", german, "2022-05-03"},
		{"English, one reading a day", "28/11/2023 by Kay Roe", body, "2023-11-28"},
		{"English, both readings days", "12/04/2020 by Kay Roe", body, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "Headline About Water Talks\n\n"+tt.line+"\n\n"+tt.text, Options{})
			want(t, "date", d.Meta.Date, tt.date)
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		line, iso string
		updated   bool
	}{
		{"March 5, 2024", "2024-03-05", false},
		{"Mar. 5, 2024", "2024-03-05", false},
		{"Tuesday, March 5th, 2024 10:30 a.m. EST", "2024-03-05", false},
		{"5 March 2024", "2024-03-05", false},
		{"2024-03-05", "2024-03-05", false},
		{"2024-03-05T09:15:00Z", "2024-03-05", false},
		{"Published 05.03.2024", "2024-03-05", false},
		{"Posted on 5 March 2024", "2024-03-05", false},
		{"Updated March 6, 2024", "2024-03-06", true},
		{"5 марта 2024", "2024-03-05", false},
		{"5 марта 2024 г., 12:40", "2024-03-05", false},
		{"Обновлено 6 марта 2024", "2024-03-06", true},
		{"5 مارس 2024", "2024-03-05", false},
		{"٥ مارس ٢٠٢٤", "2024-03-05", false},
		{"5 آذار 2024", "2024-03-05", false},
		{"21. Juli 2019", "2019-07-21", false},
		{"Veröffentlicht am 3. März 2024, 14:10 Uhr", "2024-03-03", false},
		{"Aktualisiert am 6. März 2024", "2024-03-06", true},
		{"1er janvier 2020", "2020-01-01", false},
		{"Publié le 3 mars 2020 à 10h", "2020-03-03", false},
		{"5 de marzo de 2024", "2024-03-05", false},
		{"12 settembre 2021", "2021-09-12", false},
		{"16 marca 2021", "2021-03-16", false},
		{"Fr, 24. Januar 2020", "2020-01-24", false},
		{"Published 09.08.2024", "2024-08-09", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			iso, upd, ok := dateLine(tt.line)
			if !ok || iso != tt.iso || upd != tt.updated {
				t.Errorf("dateLine(%q) = %q, %v, %v; want %q, %v, true", tt.line, iso, upd, ok, tt.iso, tt.updated)
			}
		})
	}
	for _, s := range []string{
		"On March 5, 2024, the committee met for the first time since the crisis began.",
		"February 30, 2024",
		"Meeting of 5 March 2024 with the full committee",
	} {
		if iso, _, ok := dateLine(s); ok {
			t.Errorf("dateLine(%q) = %q, want no date line", s, iso)
		}
	}
}

func TestMetaLines(t *testing.T) {
	tests := []struct {
		line    string
		authors []string
		date    string
	}{
		{"Von Anna Müller", []string{"Anna Müller"}, ""},
		{"Von Roland Brockmann und Sebastian Drescher", []string{"Roland Brockmann", "Sebastian Drescher"}, ""},
		{"Von David Hutzler, dpa", []string{"David Hutzler"}, ""},
		{"Par Loïc Le Clerc", []string{"Loïc Le Clerc"}, ""},
		{"par Jean Roy, 21 juin 2018", []string{"Jean Roy"}, "2018-06-21"},
		{"Por José de la Cruz", []string{"José de la Cruz"}, ""},
		{"Autor: Jan Kowalski", []string{"Jan Kowalski"}, ""},
		{"ByAlex Doe", []string{"Alex Doe"}, ""},
		{"Veröffentlicht vonChris Jung", []string{"Chris Jung"}, ""},
		{"Post author By Helge Roe", []string{"Helge Roe"}, ""},
		{"By Jane Doe, August 14, 2020 2:30 pm", []string{"Jane Doe"}, "2020-08-14"},
		{"By Jane Doe Feb 8, 2020 5 min read", []string{"Jane Doe"}, "2020-02-08"},
		{"Geschrieben von Jan Roe am 25.08.2015 22:30 (1599 x gelesen)", []string{"Jan Roe"}, "2015-08-25"},
		{"Posted on 21. Juli 2019 by Realname", []string{"Realname"}, "2019-07-21"},
		{"By Jane Roe | Published: 23. Juli 2017 | Comments closed", []string{"Jane Roe"}, "2017-07-23"},
		{"By Jane Roe | jroe@example.org", []string{"Jane Roe"}, ""},
		{"Kirsten Doe / example.de", nil, ""},
		{"By Kirsten Doe / example.de", []string{"Kirsten Doe"}, ""},
		{"By Jane Roe (reporting)", []string{"Jane Roe"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			m, ok := parseMeta(tt.line)
			if tt.authors == nil && tt.date == "" {
				if ok && len(m.authors) > 0 {
					t.Errorf("parseMeta(%q) authors %q, want none", tt.line, m.authors)
				}
				return
			}
			if !ok {
				t.Fatalf("parseMeta(%q) is not a metadata line", tt.line)
			}
			want(t, "authors", m.authors, tt.authors)
			want(t, "date", m.date, tt.date)
		})
	}
	// Prepositions that start headings and sentences are not bylines.
	for _, s := range []string{
		"Von Berlin nach Hamburg",
		"Von Bits und Bytes",
		"Di Maria scored twice in the final",
		"Par ici la sortie",
		"Door to door sales are back",
		"BY COURSE/MEAL:",
		"Kultur | 12. Mai 2020 | Neue Ausstellung im Museum",
	} {
		if m, ok := parseMeta(s); ok && len(m.authors) > 0 {
			t.Errorf("parseMeta(%q) authors %q, want none", s, m.authors)
		}
	}
}

// TestRepeatedCaption: a photo's caption said twice (a share preview, then
// the photo) is one figure; two photos with the same credit and no
// caption stay two.
func TestRepeatedCaption(t *testing.T) {
	var long strings.Builder
	for i := range 8 {
		fmt.Fprintf(&long, "Paragraph %d of the report says that the delegates met again on Tuesday and agreed on a schedule for the releases.\n\n", i+1)
	}
	figures := func(src string) int {
		d, _ := read(t, src, Options{})
		n := 0
		for _, b := range d.Blocks {
			if _, ok := b.(*doc.Figure); ok {
				n++
			}
		}
		return n
	}
	// The headline said twice, as pages do, so that the headline model
	// does not take the repeated caption for it.
	head := "Headline About Water Talks\n\nNews | Water\n\nHeadline About Water Talks\n\n"
	inline := "Delegates arrive at the venue. Photo: Jane Doe/Example\n\n"
	if n := figures(head + inline + inline + long.String()); n != 1 {
		t.Errorf("a caption said twice: %d figures, want 1", n)
	}
	twoLine := "Delegates arrive at the venue\nPhoto: Jane Doe/Example\n\n"
	if n := figures(head + twoLine + twoLine + long.String()); n != 1 {
		t.Errorf("a caption and credit said twice: %d figures, want 1", n)
	}
	credit := "Image: Example Agency\n\n"
	if n := figures(head + credit + long.String() + credit + long.String()); n != 2 {
		t.Errorf("two photos with one credit: %d figures, want 2", n)
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name                 string
		src                  string
		alt, caption, credit string
	}{
		{"caption repeating the headline becomes alt text",
			"Headline About Water Talks\n\nHeadline About Water Talks\nCredit: Screenshot\n\n" + body,
			"Headline About Water Talks", "", "Screenshot"},
		{"other caption line becomes the caption",
			"Headline About Water Talks\n\nDelegates arrive at the venue\nPhoto: Jane Doe/Example\n\n" + body,
			"", "Delegates arrive at the venue", "Jane Doe/Example"},
		{"credit without caption",
			"Headline About Water Talks\n\nImage: Example Agency\n\n" + body,
			"", "", "Example Agency"},
		{"Russian photo credit",
			"Заголовок статьи о воде\n\nДелегаты на встрече\nФото: Иван Петров\n\n" + body,
			"", "Делегаты на встрече", "Иван Петров"},
		{"source line under a caption is a credit",
			"Headline About Water Talks\n\nA map of the basin\nSource: Example Institute\n\n" + body,
			"", "A map of the basin", "Example Institute"},
		{"credit at the end of a caption line",
			"Headline About Water Talks\n\nDelegates arrive at the venue. Photograph: Jane Doe\n\n" + body,
			"", "Delegates arrive at the venue", "Jane Doe"},
		{"German photo credit",
			"Headline About Water Talks\n\nDelegierte vor dem Tagungsort\nFoto: Anita Roe\n\n" + body,
			"", "Delegierte vor dem Tagungsort", "Anita Roe"},
		{"credit in brackets at the end of a caption line",
			"Headline About Water Talks\n\nDie Delegierten kamen am Morgen an. (Foto: Privat)\n\n" + body,
			"", "Die Delegierten kamen am Morgen an.", "Privat"},
		{"Finnish credit at the end of a caption line",
			"Headline About Water Talks\n\nDelegaatit saapuivat aamulla. KUVA: Jane Roe\n\n" + body,
			"", "Delegaatit saapuivat aamulla", "Jane Roe"},
		{"credit glued to the caption, its word said twice, under an image label",
			"Headline About Water Talks\n\nImage\nDelegates arrive at the venue.CreditCreditJane Roe/The Example Times\n\n" + body,
			"", "Delegates arrive at the venue.", "Jane Roe/The Example Times"},
		{"a source line under a photo label is the photo's credit",
			"Headline About Water Talks\n\nPhoto\nSource: City Council\n\n" + body,
			"", "", "City Council"},
		{"glued credit alone under a photo label",
			"Headline About Water Talks\n\nPhoto\nCreditJane Roe\n\n" + body,
			"", "", "Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, tt.src, Options{})
			var fig *doc.Figure
			for _, b := range d.Blocks {
				if f, ok := b.(*doc.Figure); ok {
					fig = f
				}
			}
			if fig == nil {
				t.Fatalf("no figure in %v", kinds(d))
			}
			// An image label ("Image", "Photo") is part of the figure.
			if strings.Contains(quality.DocText(d), "Image\n") || strings.Contains(quality.DocText(d), "Photo\n") {
				t.Errorf("the image label is left in the text: %q", quality.DocText(d))
			}
			if fig.Alt != tt.alt || doc.PlainText(fig.Caption) != tt.caption || fig.Credit != tt.credit || fig.Src != "" {
				t.Errorf("figure alt=%q caption=%q credit=%q src=%q; want %q %q %q and no src",
					fig.Alt, doc.PlainText(fig.Caption), fig.Credit, fig.Src, tt.alt, tt.caption, tt.credit)
			}
		})
	}
}

func kinds(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Kind())
	}
	return out
}

func TestHeadings(t *testing.T) {
	para := "This paragraph is long enough to be running text, with a full sentence that ends properly."
	tests := []struct {
		name    string
		line    string
		heading bool
	}{
		{"short title-case line between paragraphs", "Who Holds the Valves", true},
		{"numbered heading", "2. What the Data Show", true},
		{"ALL-CAPS heading", "THE MONEY QUESTION", true},
		{"short question", "What happens next?", true},
		{"sentence-case Russian heading", "Что дальше", true},
		{"short sentence with a full stop stays a paragraph", "He declined to comment.", false},
		{"line ending with a comma stays a paragraph", "And then, as if on cue,", false},
		{"line starting in lower case stays a paragraph", "and the rest followed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "Headline About Water Talks\n\n" + para + "\n\n" + tt.line + "\n\n" + para + "\n"
			d, _ := read(t, src, Options{})
			var got bool
			for _, b := range d.Blocks {
				if h, ok := b.(*doc.Heading); ok && doc.PlainText(h.Content) == tt.line {
					got = h.Level == 2
				}
			}
			if got != tt.heading {
				t.Errorf("%q heading = %v, want %v (blocks %v)", tt.line, got, tt.heading, kinds(d))
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	lines := []struct{ name, line string }{
		{"advertisement break", "Advertisement"},
		{"all-caps advertisement", "ADVERTISEMENT"},
		{"share prompt", "Share this article"},
		{"share buttons", "Facebook Twitter LinkedIn Email"},
		{"read more link", "Read more: Another story about rivers"},
		{"subscribe prompt", "Subscribe to our newsletter for weekly updates."},
		{"newsletter sign-up", "Sign up for our free newsletter"},
		{"cookie notice", "We use cookies to improve your experience. By continuing to browse you accept them."},
		{"follow us", "Follow us on Instagram"},
		{"link-box heading", "Recent Features"},
		{"reading time", "6 min read"},
		{"Russian advertising", "Реклама"},
		{"Arabic read also", "اقرأ أيضا"},
		{"Spanish read-also lead", "Le puede interesar: Tres nuevos casos ante el tribunal del agua"},
		{"German read-also lead", "Lesen Sie hier: Spielabbruch in der Kreisliga nach Streit um den Platz"},
		{"German more lead", "Mehr: Deutsche Banken haben den Niedrigzinsen getrotzt"},
		{"Polish see-also lead", "Zobacz także: Nowy plan dla doliny"},
		{"German comment form notice", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert."},
	}
	for _, tt := range lines {
		t.Run(tt.name, func(t *testing.T) {
			src := "Headline About Water Talks\n\n" + body + "\n" + tt.line + "\n\n" + body
			d, ws := read(t, src, Options{})
			for _, b := range d.Blocks {
				if p, ok := b.(*doc.Paragraph); ok && doc.PlainText(p.Content) == tt.line {
					t.Fatalf("%q kept in the body", tt.line)
				}
			}
			if len(ws) != 1 || ws[0].Code != "boilerplate-removed" || ws[0].Pos.Line != 7 || !strings.Contains(ws[0].Message, tt.line) {
				t.Errorf("warnings = %v, want one boilerplate-removed at line 7 quoting the line", ws)
			}
			kept, _ := read(t, src, Options{KeepBoilerplate: true})
			found := false
			for _, b := range kept.Blocks {
				if p, ok := b.(*doc.Paragraph); ok && doc.PlainText(p.Content) == tt.line {
					found = true
				}
			}
			if !found {
				t.Errorf("KeepBoilerplate lost %q", tt.line)
			}
		})
	}
	t.Run("running text that mentions subscribing stays", func(t *testing.T) {
		line := "Readers who subscribe to the printed edition will find the full tables in Thursday's paper, along with a map of every reservoir mentioned in this report and the figures behind it."
		d, ws := read(t, "Headline About Water Talks\n\n"+body+"\n"+line+"\n\n"+body, Options{})
		if len(ws) != 0 || len(d.Blocks) != 5 {
			t.Errorf("got %d blocks and warnings %v, want 5 paragraphs and no warning", len(d.Blocks), ws)
		}
	})
	t.Run("related list after a Related line", func(t *testing.T) {
		src := "Headline About Water Talks\n\n" + body + "\nRelated\n\nRivers Run Dry in the South\nA New Dam for the Valley\n\n" + body
		d, ws := read(t, src, Options{})
		if len(ws) != 3 || len(d.Blocks) != 4 {
			t.Errorf("got blocks %v and warnings %v, want 4 paragraphs and 3 removed lines", kinds(d), ws)
		}
	})
	t.Run("short lines after the last paragraph are footer", func(t *testing.T) {
		src := "Headline About Water Talks\n\n" + body + "\nWater\nDiplomacy\n© 2024 Example Media\n"
		d, ws := read(t, src, Options{})
		if len(ws) != 3 || len(d.Blocks) != 2 {
			t.Errorf("got blocks %v and warnings %v, want 2 paragraphs and 3 removed lines", kinds(d), ws)
		}
	})
}

func TestShapes(t *testing.T) {
	blank := "Headline About Water Talks\n\nFirst paragraph of the story, long enough to be running text and ending with a stop.\n\nSecond paragraph of the story, also long enough to be running text and ending with a stop.\n"
	tests := []struct{ name, src string }{
		{"CRLF line endings", strings.ReplaceAll(blank, "\n", "\r\n")},
		{"lone CR line endings", strings.ReplaceAll(blank, "\n", "\r")},
		{"byte-order mark", "\uFEFF" + blank},
	}
	ref, _ := read(t, blank, Options{})
	for _, tt := range tests {
		t.Run(tt.name+" give the same tree as LF", func(t *testing.T) {
			d, _ := read(t, tt.src, Options{})
			if !reflect.DeepEqual(d, ref) {
				t.Errorf("tree differs from the LF twin: %v", kinds(d))
			}
		})
	}
	t.Run("hard-wrapped paragraphs are joined", func(t *testing.T) {
		src, err := os.ReadFile(filepath.Join(articlesDir, "hardwrapped-caps.txt"))
		if err != nil {
			t.Fatal(err)
		}
		d, _, _ := New(Options{}).Read(src, "w.txt")
		p := d.Blocks[1].(*doc.Paragraph)
		text := doc.PlainText(p.Content)
		if !strings.HasPrefix(text, "The notice went up") || !strings.HasSuffix(text, "served in instalments.") || p.Pos.Line != 9 {
			t.Errorf("first paragraph at line %d = %q, want lines 9-14 joined", p.Pos.Line, text)
		}
	})
	t.Run("one paragraph per line without blank lines", func(t *testing.T) {
		src := "Headline About Water Talks\nFirst paragraph of the story, long enough to be running text and ending with a stop.\nSecond paragraph of the story, also long enough to be running text and ending with a stop.\n"
		d, _ := read(t, src, Options{})
		if len(d.Blocks) != 2 || d.Blocks[1].Position().Line != 3 {
			t.Errorf("blocks %v, want two paragraphs at lines 2 and 3", kinds(d))
		}
	})
	t.Run("empty input gives an empty tree (normalize warns)", func(t *testing.T) {
		for _, src := range []string{"", " \n\t\n\u00a0\n"} {
			d, ws := read(t, src, Options{})
			if len(d.Blocks) != 0 || len(ws) != 0 || d.Meta.Lang != "en" {
				t.Errorf("%q: blocks %v warnings %v", src, kinds(d), ws)
			}
		}
	})
}

func TestTextKeptExactly(t *testing.T) {
	line := "“Quotes” and ‘single’ — dashes – ellipses… [brackets] (parens) «ёлки» عربي 中文 no\u00a0break"
	src := "Headline About Water Talks\n\n" + body + "\n" + line + "\n"
	d, _ := read(t, src, Options{})
	last := d.Blocks[len(d.Blocks)-1].(*doc.Paragraph)
	if len(last.Content) != 1 || doc.PlainText(last.Content) != line {
		t.Errorf("paragraph = %#v, want one Text %q", last.Content, line)
	}
}

func TestLinks(t *testing.T) {
	line := "Tickets can be reserved at https://example.org/tickets (free for children)."
	d, _ := read(t, "Headline About Water Talks\n\n"+line+"\n", Options{})
	p := d.Blocks[0].(*doc.Paragraph)
	if doc.PlainText(p.Content) != line {
		t.Errorf("text changed: %q", doc.PlainText(p.Content))
	}
	if len(p.Content) != 3 {
		t.Fatalf("inlines %d, want text, link, text", len(p.Content))
	}
	if l, ok := p.Content[1].(*doc.Link); !ok || l.URL != "https://example.org/tickets" {
		t.Errorf("link = %#v", p.Content[1])
	}
	// A no-break space ends an address as a space does.
	d, _ = read(t, "Headline About Water Talks\n\nMehr bei http://example.net\u00a0und anderswo.\n", Options{})
	p = d.Blocks[0].(*doc.Paragraph)
	if l, ok := p.Content[1].(*doc.Link); !ok || l.URL != "http://example.net" {
		t.Errorf("link before a no-break space = %#v", p.Content[1])
	}
}

// A scheme with no host after it is a word of the text, not a link: the
// writers would have an address with no host (EPUBCheck RSC-020).
func TestSchemeAloneIsNoLink(t *testing.T) {
	pos := doc.Pos{File: "x.txt", Line: 3}
	for in, want := range map[string][]string{ // the links' URLs
		`See http:// and https://. Also (https://) and "http://" end.`:          nil,
		"Bad https://. then https://example.org/a and ftp://x.":                 {"https://example.org/a"},
		"https://user@/path and https://user@example.org/ and https://10.0.0.1": {"https://user@example.org/", "https://10.0.0.1"},
	} {
		got := inlines(in, pos)
		var urls []string
		for _, n := range got {
			if l, ok := n.(*doc.Link); ok {
				urls = append(urls, l.URL)
			}
		}
		if !slices.Equal(urls, want) {
			t.Errorf("inlines(%q): links %q, want %q", in, urls, want)
		}
		if doc.PlainText(got) != in {
			t.Errorf("inlines(%q) changed the text: %q", in, doc.PlainText(got))
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := map[string]string{"russian.txt": "ru", "arabic.txt": "ar", "features-breadcrumb.txt": "en"}
	for file, lang := range tests {
		src, err := os.ReadFile(filepath.Join(articlesDir, file))
		if err != nil {
			t.Fatal(err)
		}
		d, _, _ := New(Options{}).Read(src, file)
		if d.Meta.Lang != lang || d.Meta.Dir() != map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"] {
			t.Errorf("%s: lang %q dir %q, want %q", file, d.Meta.Lang, d.Meta.Dir(), lang)
		}
	}
}

func TestPositionsAreValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		d, ws, _ := New(Options{}).Read(src, "x.txt")
		checkPositions(t, d, ws, bytes.Count(src, []byte("\n"))+1)
	}
}

// checkPositions fails when a node or warning lacks a position within the
// input's lines or names another file.
func checkPositions(t *testing.T, d *doc.Document, ws []doc.Warning, lines int) {
	t.Helper()
	doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
		p := n.Position()
		if entering && (!p.IsValid() || p.Line > lines || p.File != "x.txt") {
			t.Errorf("%s has position %v (input has %d lines)", n.Kind(), p, lines)
		}
		return doc.WalkContinue
	})
	for _, w := range ws {
		if !w.Pos.IsValid() || w.Pos.Line > lines {
			t.Errorf("warning %v has no valid position", w)
		}
	}
}

// Hard-wrapped lines are joined with a space, except between two
// characters of Japanese or Chinese, where a space is a gap mid-word.
func TestHardWrappedCJKJoinsWithoutSpace(t *testing.T) {
	for _, tt := range []struct{ before, after, want string }{
		{"男の", "ほかにも", ""},
		{"兵者，", "國之大事", ""},
		{"end of a line", "next line", " "},
		{"東京", "Tower", " "},
		{"한국어", "문장", " "},
	} {
		if got := joiner(tt.before, tt.after); got != tt.want {
			t.Errorf("joiner(%q, %q) = %q, want %q", tt.before, tt.after, got, tt.want)
		}
	}
}

// Japanese and Chinese count a word for every two characters, so that a
// short closing sentence is prose and a title of a few characters is
// headline-shaped; the English counterparts read the same.
func TestUnspacedWordCount(t *testing.T) {
	for _, tt := range []struct {
		s             string
		words         int
		prose, shaped bool
	}{
		{"雨の日の門", 3, false, true},
		{"男は、既に、雨の中を町へ急いでいた。", 9, true, false},
		{"The gate on a rainy day", 6, false, true},
		{"The man was already hurrying through the rain.", 8, true, false},
		{"東京 Tower", 2, false, true},
	} {
		if got := wordCount(tt.s); got != tt.words {
			t.Errorf("wordCount(%q) = %d, want %d", tt.s, got, tt.words)
		}
		if got := isProse(tt.s); got != tt.prose {
			t.Errorf("isProse(%q) = %v, want %v", tt.s, got, tt.prose)
		}
		if got := headlineShaped(tt.s); got != tt.shaped {
			t.Errorf("headlineShaped(%q) = %v, want %v", tt.s, got, tt.shaped)
		}
		// A line weighs in the densities what it counts in words:
		// a Japanese paragraph is not one word.
		p := &parser{}
		p.prepare(tt.s + "\n")
		if got := lineWeight(p.units[0]); got != float64(tt.words) {
			t.Errorf("lineWeight(%q) = %v, want %d", tt.s, got, tt.words)
		}
	}
	// The sweep's story: the title found, the closing sentence kept.
	src := "雨の日の門\n\n山田太郎\n\n　ある日の夕方のことである。一人の男が、大きな門の下で雨がやむのを待っていた。広い門の下には、この男のほかに誰もいない。\n\n　男は、既に、雨の中を町へ急いでいた。\n"
	d, _ := read(t, src, Options{})
	if d.Meta.Title != "雨の日の門" {
		t.Errorf("title %q", d.Meta.Title)
	}
	if last := d.Blocks[len(d.Blocks)-1]; !strings.Contains(doc.PlainText(last.(*doc.Paragraph).Content), "急いでいた") {
		t.Errorf("last block %#v, want the closing sentence", last)
	}
}
