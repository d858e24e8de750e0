package pipeline

import (
	"slices"
	"testing"
)

// TestFormatTable checks the table against what its entries build: a
// format marked Pack makes a PackWriter and no other does, every output
// has an extension, and the views the command line reads are the table's.
func TestFormatTable(t *testing.T) {
	for _, f := range Formats {
		if f.Write == nil {
			if f.Pack {
				t.Errorf("%s: Pack without a writer", f.Name)
			}
			continue
		}
		if len(f.Exts) == 0 {
			t.Errorf("%s: an output format without an extension", f.Name)
		}
		_, isPack := f.Write(&Options{}).(PackWriter)
		if isPack != f.Pack {
			t.Errorf("%s: Pack is %v but the writer's PackWriter is %v", f.Name, f.Pack, isPack)
		}
	}
	if got, want := InputFormats, []string{"markdown", "commonmark", "article", "html", "json"}; !slices.Equal(got, want) {
		t.Errorf("InputFormats = %v, want %v", got, want)
	}
	if got, want := OutputFormats(), []string{"epub", "html", "json", "pdf"}; !slices.Equal(got, want) {
		t.Errorf("OutputFormats = %v, want %v", got, want)
	}
	if got, want := PackFormats(), []string{"epub", "html", "pdf"}; !slices.Equal(got, want) {
		t.Errorf("PackFormats = %v, want %v", got, want)
	}
	if got, want := FolderExtensions(), []string{".md", ".markdown", ".txt", ".html", ".htm"}; !slices.Equal(got, want) {
		t.Errorf("FolderExtensions = %v, want %v", got, want)
	}
	for _, f := range sniffOrder {
		if f.Read == nil {
			t.Errorf("%s: a sniffer on a format that cannot be read", f.Name)
		}
	}
}
