package boiler

import (
	"strings"
	"testing"
)

func TestIs(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Advertisement", true},
		{"ADVERTISEMENT", true},
		{"Story continues below advertisement", true},
		{"Text continues after the ad", true},
		{"Продолжение статьи после рекламы", true},
		{"Share this article", true},
		{"Facebook Twitter LinkedIn Email", true},
		{"Read more: Another story about rivers", true},
		{"Lesen Sie hier: Spielabbruch in der Kreisliga", true},
		{"Mehr: Deutsche Banken haben den Niedrigzinsen getrotzt", true},
		{"Recent Features", true},
		{"6 min read", true},
		{"© 2024 Example Media", true},
		{"Sign up for our free newsletter", true},
		{"Your email address will not be published. Required fields are marked *", true},
		{"Deine E-Mail-Adresse wird nicht veröffentlicht.", true},
		{"Реклама", true},
		{"اقرأ أيضا", true},
		{"%d Bloggern gefällt das:", true},
		{"Gefällt mir Wird geladen...", true},
		{"Like Loading…", true},
		{"Externer Inhalt", true},
		// Running text is not furniture, whatever words it uses.
		{"Readers who subscribe to the printed edition will find the full tables in Thursday's paper, along with a map of every reservoir mentioned in this report and the figures behind it.", false},
		{"Lesen Sie dazu auch die Pressemitteilungen:", false},
		{"Related: the council also voted to extend the night buses, a measure that had been delayed twice before.", false},
		{"Most of the valley's farmers grow cotton.", false},
		{"Water talks resume in Tashkent", false},
	} {
		if got := Is(tt.line); got != tt.want {
			t.Errorf("Is(%q) = %v (score %d), want %v", tt.line, got, Score(tt.line), tt.want)
		}
	}
}

func TestRelatedMarker(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Related", true},
		{"Lesen Sie auch:", true},
		{"Читайте также", true},
		{"Related: the council also voted", false},
	} {
		if got := RelatedMarker(tt.line); got != tt.want {
			t.Errorf("RelatedMarker(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestLongLinesAreNeverFurniture: Is skips lines of more than 40 words;
// Score must agree that none reaches the threshold, whatever it says.
func TestLongLinesAreNeverFurniture(t *testing.T) {
	long := "Reading time: subscribe to our newsletter and share this on Facebook, Twitter and LinkedIn because all rights reserved © 2024 copyright we use cookies to improve the site and by continuing to browse you accept them, and the rest of this line runs on"
	if !wordsOver(long, 40) {
		t.Fatalf("the test line has %d words, want more than 40", len(words(long)))
	}
	if Score(long) >= Threshold || Is(long) {
		t.Errorf("a line of %d words scores %d", len(words(long)), Score(long))
	}
	// Punctuation at the ends is not a word to Score, nor to Is: thirty
	// words after eleven dashes are scored.
	dashed := strings.Repeat("— ", 11) + "reading time © 2024" + strings.Repeat(" word", 26)
	if Score(dashed) < Threshold || !Is(dashed) {
		t.Errorf("Is = %v, Score %d; want both to mark the line", Is(dashed), Score(dashed))
	}
}
