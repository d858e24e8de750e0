package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"

	"folio/pipeline/doc"
)

// Builders for hand-made, normalized trees.

func txt(s string) *doc.Text               { return &doc.Text{Value: s} }
func para(is ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: is} }
func ptext(s string) *doc.Paragraph        { return para(txt(s)) }
func emph(is ...doc.Inline) *doc.Emph      { return &doc.Emph{Content: is} }
func strong(is ...doc.Inline) *doc.Strong  { return &doc.Strong{Content: is} }
func code(s string) *doc.Code              { return &doc.Code{Value: s} }
func link(u string, is ...doc.Inline) *doc.Link {
	return &doc.Link{URL: u, Content: is}
}
func h(level int, id, title string) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Content: []doc.Inline{txt(title)}}
}
func li(bs ...doc.Block) *doc.ListItem { return &doc.ListItem{Blocks: bs} }
func row(cells ...string) *doc.Row {
	r := &doc.Row{}
	for _, c := range cells {
		r.Cells = append(r.Cells, &doc.Cell{Content: []doc.Inline{txt(c)}})
	}
	return r
}

// testPNG draws a small gradient picture.
func testPNG(w, hgt int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, hgt))
	for y := 0; y < hgt; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(40 + x*150/w), uint8(90 + y*100/hgt), 160, 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// The exact paragraphs text extraction must give back.
var (
	paraQuotes   = "The council’s report — published on Tuesday — calls the plan “ambitious but affordable”, and notes that 1990–2020 saw the steepest rise in demand."
	paraCyrillic = "In Kyiv the notice read «Вода буде відключена з 9:00 до 17:00», while the Greek summary used the word λειψυδρία for drought."
)

// briefing is a realistic article of about 8 KB, the seed for most tests.
func briefing() *doc.Document {
	long := "Utilities that replaced mechanical meters early found the savings came less from the meters themselves than from the data: leaks that once ran for months were found within days, and crews could be sent to the right street rather than the right district. "
	d := &doc.Document{
		Meta: doc.Meta{
			Title:     "Cities race to fix leaking water networks before the summer",
			Subtitle:  "A third of treated water never reaches a tap. Councils now have the money, the sensors and — for once — the political cover to do something about it.",
			Authors:   []string{"Mara Lindqvist", "Tomás Ferreira"},
			Date:      "2024-03-12",
			Lang:      "en",
			Source:    "https://example.org/briefings/water/leaking-networks-2024?utm_source=folio",
			Publisher: "The Example Review",
			Section:   "Infrastructure",
			Tags:      []string{"water", "infrastructure", "climate"},
			Pos:       doc.Pos{File: "briefing.md", Line: 1},
		},
		Resources: []*doc.Resource{{Name: "img-chart.png", MediaType: "image/png", Width: 480, Height: 220, Data: testPNG(480, 220)}},
		Notes: []*doc.Note{
			{Label: "1", Number: 1, ID: "fn-1", Blocks: []doc.Block{ptext("Figures from the national regulator’s 2023 return, rounded to the nearest percent.")}},
			{Label: "2", Number: 2, ID: "fn-2", Blocks: []doc.Block{para(txt("See the "), link("https://example.org/method", txt("method note")), txt(" for how “non-revenue water” is counted."))}},
		},
	}
	d.Blocks = []doc.Block{
		ptext(paraQuotes),
		para(txt("Across the region, "), strong(txt("31 per cent")), txt(" of treated water is lost before it reaches a customer"),
			&doc.NoteRef{Label: "1", Number: 1}, txt(". The figure has barely moved in a decade, and "), emph(txt("every")),
			txt(" utility we spoke to said the same thing: the pipes are old, the budgets were small, and nobody could see the leaks. The new money changes the first two; the sensors, reported in "),
			link("https://example.org/sensors", txt("an earlier briefing")), txt(", change the third.")),
		h(2, "what-changed", "What changed this year"),
		para(txt(long), txt("Engineers call this “finding the water”, and the phrase turns up in nearly every plan filed this spring. The "), code("nrw_ratio"), txt(" field in the regulator’s returns is now published monthly"), &doc.NoteRef{Label: "2", Number: 2}, txt(".")),
		ptext(paraCyrillic),
		&doc.List{Tight: true, Items: []*doc.ListItem{
			li(ptext("Grants of up to €40 million per utility, matched locally.")),
			li(ptext("A duty to publish leakage every month, not every year."), &doc.List{Tight: true, Items: []*doc.ListItem{
				li(ptext("Small utilities may report quarterly.")),
				li(ptext("Figures are audited once a year.")),
			}}),
			li(ptext("Penalties for missing targets two years in a row.")),
		}},
		h(3, "how-it-works", "How the sensors work"),
		para(txt("Acoustic loggers clamp onto valves and listen at night, when demand is lowest. A leak makes a steady hiss that the logger’s software can tell from traffic or a running tap; two loggers either side of a leak can place it to within a metre. See "), link("#what-changed", txt("what changed")), txt(" for the funding rules.")),
		&doc.BlockQuote{Blocks: []doc.Block{ptext("We used to dig three holes to find one leak. Now we dig one, and it is usually the right one.")}},
		&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{
			li(ptext("Survey the district at night.")),
			li(ptext("Correlate the loggers’ recordings.")),
			li(ptext("Dig, repair and log the result.")),
		}},
		&doc.List{Tight: true, Items: []*doc.ListItem{
			{Task: true, Checked: true, Blocks: []doc.Block{ptext("Meters installed in the pilot district")}},
			{Task: true, Blocks: []doc.Block{ptext("Loggers installed on trunk mains")}},
		}},
		&doc.CodeBlock{Language: "python", Text: "def nrw_ratio(input_m3, billed_m3):\n    \"\"\"Share of water that earns nothing.\"\"\"\n    return (input_m3 - billed_m3) / input_m3  # a very long comment that goes on well past the width of the column so that it has to wrap\n"},
		h(2, "numbers", "The numbers"),
		&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignRight},
			Header: []*doc.Row{row("Utility", "Loss 2019", "Loss 2023")},
			Body: []*doc.Row{
				row("Northern Water", "34%", "29%"),
				row("River Valley Services, including the former Eastbrook and Millford municipal systems", "28%", "22%"),
				row("Coastal Utilities", "41%", "38%"),
			}},
		&doc.Figure{Ref: "img-chart.png", Alt: "Chart", Caption: []doc.Inline{txt("Leakage as a share of water put into supply, 2014–2023.")}, Credit: "Example Review analysis"},
		&doc.ThematicBreak{},
		h(4, "outlook", "Outlook"),
		para(txt(strings.Repeat(long, 3))),
	}
	return d
}
