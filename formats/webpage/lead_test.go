package webpage

import (
	"strings"
	"testing"
)

func TestLead(t *testing.T) {
	desc := "Negotiators agree on a schedule for releases from the reservoirs."
	tests := []struct {
		name, head, article string
		subtitle            string
		// first is how the body starts.
		first string
	}{
		{"a first paragraph repeating the description is the subtitle, not body",
			`<meta name="description" content="` + desc + `">`, `<p>` + desc + `</p>` + filler,
			desc, "p Officials in the region"},
		{"a first paragraph styled as the lead is the subtitle without a description",
			``, `<p class="lead">A deal on the reservoirs, at last.</p>` + filler,
			"A deal on the reservoirs, at last.", "p Officials in the region"},
		{"a description cut from the lede leaves the lede in the body and gives no subtitle",
			`<meta property="og:description" content="Officials in the region said on Tuesday that the new agreement…">`, filler,
			"", "p Officials in the region"},
		{"a description cut from the second paragraph gives no subtitle either (the first may be a box that leaves later)",
			`<meta property="og:description" content="Officials in the region said on Tuesday that the new agreement…">`,
			`<p>The river has been argued over since the treaty of 1998, when the first schedule was signed and then ignored for a decade by every side.</p>` + filler,
			"", "p The river has been argued over"},
		{"a description that says something else is the subtitle and the body is untouched",
			`<meta name="description" content="` + desc + `">`, filler,
			desc, "p Officials in the region"},
		{"og:image is the lead figure when the article shows none",
			`<meta property="og:image" content="https://cdn.example/lead-1200.jpg"><meta property="og:image:alt" content="The dam at dawn">`, filler,
			"", `figure src="https://cdn.example/lead-1200.jpg" alt="The dam at dawn" caption="" credit=""`},
		{"og:image is not added when the article shows the same file",
			`<meta property="og:image" content="https://cdn.example/dam.jpg?w=1200">`, `<p><img src="p_files/dam.jpg" alt="Dam"></p>` + filler,
			"", `figure src="p_files/dam.jpg" alt="Dam"`},
		{"the lead figure between headline and body wins over og:image, caption and credit kept though the file is gone",
			`<meta property="og:image" content="https://cdn.example/other.jpg">`,
			`<header><h1>Headline</h1><figure><img src="p_files/missing.jpg" alt="Quay"><figcaption>The quay at low tide. Photo: Jo Penn</figcaption></figure></header><div class="body">` + filler + filler + `</div>`,
			"", `figure src="p_files/missing.jpg" alt="Quay" caption="The quay at low tide." credit="Jo Penn"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, page(tt.head, tt.article), Options{})
			want(t, "subtitle", d.Meta.Subtitle, tt.subtitle)
			if got := render(d.Blocks); !strings.HasPrefix(got, tt.first) {
				t.Errorf("body starts:\n%s\nwant it to start %q", got, tt.first)
			}
			if tt.subtitle != "" && strings.Contains(render(d.Blocks), tt.subtitle) {
				t.Errorf("the subtitle is in the body too")
			}
		})
	}
}
