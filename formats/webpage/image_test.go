package webpage

import (
	"reflect"
	"testing"

	"folio/pipeline/doc"
)

func TestImageSources(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"src alone", `<img src="p_files/a.jpg">`, []string{"p_files/a.jpg"}},
		{"srcset largest first, src last",
			`<img src="p_files/a-400.jpg" srcset="p_files/a-400.jpg 400w, https://cdn.example/a-1600.jpg 1600w, https://cdn.example/a-800.jpg 800w">`,
			[]string{"https://cdn.example/a-1600.jpg", "https://cdn.example/a-800.jpg", "p_files/a-400.jpg"}},
		{"density descriptors, a candidate without one is 1x",
			`<img srcset="p_files/a.png, p_files/a@3x.png 3x, p_files/a@2x.png 2x">`,
			[]string{"p_files/a@3x.png", "p_files/a@2x.png", "p_files/a.png"}},
		{"commas inside a URL are part of it",
			`<img srcset="https://img.example/w_800,q_80/a.jpg 800w, https://img.example/w_400,q_80/a.jpg 400w">`,
			[]string{"https://img.example/w_800,q_80/a.jpg", "https://img.example/w_400,q_80/a.jpg"}},
		{"lazy loading: data-src before a placeholder src, which is left out",
			`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="p_files/real.jpg">`,
			[]string{"p_files/real.jpg"}},
		{"lazy srcset in data-srcset",
			`<img data-srcset="p_files/s.jpg 300w, p_files/l.jpg 900w" data-src="p_files/s.jpg">`,
			[]string{"p_files/l.jpg", "p_files/s.jpg"}},
		{"a picture's sources the writers can embed, not WebP",
			`<picture><source type="image/webp" srcset="p_files/a.webp 1200w"><source srcset="p_files/a-1200.jpg 1200w"><img src="p_files/a-600.jpg"></picture>`,
			[]string{"p_files/a-1200.jpg", "p_files/a-600.jpg"}},
		{"a protocol-relative source is https", `<img src="//cdn.example/a.jpg">`, []string{"https://cdn.example/a.jpg"}},
		{"a data: image that is not a placeholder is a source", `<img src="data:image/png;base64,` + longB64 + `">`, []string{"data:image/png;base64," + longB64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := read(t, "<html><body><p>x "+tt.html+"</p></body></html>", Options{KeepBoilerplate: true})
			var got []string
			doc.Walk(d, func(n doc.Node, entering bool) doc.WalkStatus {
				if img, ok := n.(*doc.Image); ok && entering {
					got = append([]string{img.Src}, img.Fallback...)
				}
				return doc.WalkContinue
			})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sources %q, want %q", got, tt.want)
			}
		})
	}
}

const longB64 = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAF0lEQVR4nGNkYPjPwMDAxMDAwMDAAAAQBAEBYQ9dzQAAAABJRU5ErkJggg==AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
