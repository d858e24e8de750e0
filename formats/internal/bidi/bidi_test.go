package bidi

import "testing"

func TestFirstStrong(t *testing.T) {
	tests := []struct {
		text       string
		r          rune
		rtl, found bool
	}{
		{"12, «abc»", 'a', false, true},
		{"(١٢) مرحبا", 'م', true, true},
		{"— שלום", 'ש', true, true},
		{"123 !?", 0, false, false},
		{"Ωmega", 'Ω', false, true},
	}
	for _, tt := range tests {
		r, rtl, found := FirstStrong([]rune(tt.text))
		if r != tt.r || rtl != tt.rtl || found != tt.found {
			t.Errorf("FirstStrong(%q) = %q %v %v, want %q %v %v", tt.text, r, rtl, found, tt.r, tt.rtl, tt.found)
		}
	}
}

func TestArabic(t *testing.T) {
	for _, r := range []rune{'م', 'ڤ', 0x0750, 0x08A0, 0xFEFB /* lam-alef form */, 0xFB50} {
		if !Arabic(r) {
			t.Errorf("Arabic(%U) = false", r)
		}
	}
	for _, r := range []rune{'a', 'ש', 0x0710 /* Syriac */, '1', ' '} {
		if Arabic(r) {
			t.Errorf("Arabic(%U) = true", r)
		}
	}
	if !HasArabic("Title: مرحبا") || HasArabic("Title: שלום") {
		t.Error("HasArabic")
	}
}
