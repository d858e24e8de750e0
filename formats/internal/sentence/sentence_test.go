package sentence

import "testing"

func TestEnds(t *testing.T) {
	for in, want := range map[string]bool{
		`He left."`:            true,
		"Is it over? ":         true,
		"Всё кончено…":         true,
		"انتهى الأمر؟":         true,
		"会议结束了。":               true,
		"(see the table.)":     true,
		"Water talks resume":   false,
		"Tags:":                false,
		"By Jane Roe, Reuters": false,
		"":                     false,
	} {
		if got := Ends(in); got != want {
			t.Errorf("Ends(%q) = %v, want %v", in, got, want)
		}
	}
	if r := LastPunct("Tags: »"); r != ':' {
		t.Errorf("LastPunct(%q) = %q, want ':'", "Tags: »", r)
	}
}
