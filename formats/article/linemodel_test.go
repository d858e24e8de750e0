package article

import (
	"math"
	"slices"
	"testing"
)

func TestLexFeatures(t *testing.T) {
	lex := map[string]float64{"said": 2, "newsletter": -3, "our": -1}
	tests := []struct {
		s    string
		want []float64 // mean, lowest, share known
	}{
		{"Sign up for our newsletter", []float64{-2, -3, 2.0 / 5}},
		{"He said so, he said.", []float64{2, 0, 1.0 / 3}},
		{"Nothing known here", []float64{0, 0, 0}},
		{"1234 — 5678", []float64{0, 0, 0}},
	}
	for _, tt := range tests {
		got := lexFeatures(lex, tt.s)
		if len(got) != len(tt.want) {
			t.Fatalf("%q: %d features, want %d", tt.s, len(got), len(tt.want))
		}
		for k := range got {
			if math.Abs(got[k]-tt.want[k]) > 1e-9 {
				t.Errorf("%q: feature %d = %v, want %v", tt.s, k, got[k], tt.want[k])
			}
		}
	}
}

// The trained word list reads site vocabulary as furniture and the
// vocabulary of reporting as article text, in more than one language.
func TestTrainedLexicon(t *testing.T) {
	for _, w := range []string{"newsletter", "cookies", "abonnieren", "kommentar"} {
		if v, ok := lineLexicon[w]; !ok || v >= 0 {
			t.Errorf("lineLexicon[%q] = %v, %v; want a furniture word (below 0)", w, v, ok)
		}
	}
	for _, w := range []string{"said", "because", "weil"} {
		if v, ok := lineLexicon[w]; !ok || v <= 0 {
			t.Errorf("lineLexicon[%q] = %v, %v; want an article word (above 0)", w, v, ok)
		}
	}
}

func TestCommentShapes(t *testing.T) {
	tests := []struct {
		s                  string
		count, long, stamp bool
	}{
		{"There are 13 comments", true, false, false},
		{"11 responses to “The Loneliest Woman in the World: An Appreciation of Heart’s “Alone””", true, true, false},
		{"3 Kommentare zu „Rinderleber“", true, true, false},
		{"Barry Kooij · March 10, 2017 at 2:56 AM", false, false, true},
		{"Sallie Goetsch · March 10, 2017 at 12:20 AM", false, false, true},
		{"Anna am 3. März 2021 um 14:10", false, false, true},
		// Prose that mentions comments or a time is none of them.
		{"The minister said the 40 comments received by the council in March were all read before the vote.", false, false, false},
		{"The train leaves at the 12 stations along the line.", false, false, false},
	}
	for _, tt := range tests {
		p := &parser{}
		p.prepare(tt.s)
		if got := p.commentCount(0); got != tt.count {
			t.Errorf("commentCount(%q) = %v, want %v", tt.s, got, tt.count)
		}
		if got := p.commentLong(0); got != tt.long {
			t.Errorf("commentLong(%q) = %v, want %v", tt.s, got, tt.long)
		}
		if got := reStampTime.MatchString(tt.s); got != tt.stamp {
			t.Errorf("stamp time in %q = %v, want %v", tt.s, got, tt.stamp)
		}
	}
}

// The shapes that mark a line of a comment thread in the window features:
// who wrote, a stamp, an action, a reply to a name. A word that ends in
// one of the verbs ("Reddit", "Credit", "BBEdit" end in the French "dit")
// is none of them.
func TestCommentLineShapes(t *testing.T) {
	for s, want := range map[string]bool{
		"Makali wrote:":                    true,
		"Anna sagt:":                       true,
		"Reddit":                           false,
		"Credit":                           false,
		"Edit":                             false,
		"BBEdit":                           false,
		"14. 01. 2020, 13:47":              true,
		"2020-01-14 13:47":                 true,
		"14/01/2020 um 13:47":              true,
		"at 12:20 AM":                      true,
		"melden":                           true,
		"Antworten":                        true,
		"@Martinxyz ob die Australier …":   true,
		"Published 14 January 2020":        false,
		"The 2020 season opens at noon.":   false,
		"Email me@example.com for a copy.": false,
	} {
		p := &parser{}
		p.prepare(s)
		if got := p.commentLine(0); got != want {
			t.Errorf("commentLine(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTimeLed(t *testing.T) {
	for s, want := range map[string]bool{
		"13:54 En Islande, tuer un Basque est désormais interdit": true,
		"10h25 Séisme au Népal":                                   true,
		"2015 was a year of change.":                              false,
		"At 13:54 the vote closed.":                               false,
	} {
		if got := reTimeLed.MatchString(s); got != want {
			t.Errorf("reTimeLed(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNeverHeadline(t *testing.T) {
	for s, want := range map[string]bool{
		"13\tPiotr Roe\t3\t3\t3\t-\t12":                  true,
		"Dandelion\tNot the prettiest flower.\tForaging": true,
		"4,0 bei 4 Bewertungen":                          true,
		"205669 Bewertungen zu Example abgegeben":        true,
		"Bewertungen (6):4,9 von 5,0":                    true,
		"Zitat von Anna":                                 true,
		"--- Zitat ---":                                  true,
		"Veröffentlicht: 05.01.2020 | Autor: anna | Abgelegt unter: Fotografie": true,
		"Through the Darkest of Times review":                                   false,
		"Von der Leyen will Kriegsland Ukraine in EU holen":                     false,
		"Zitate, die bleiben":                                                   false,
		"The 10 reviews that changed cinema":                                    false,
		"Moody's cuts 3 ratings in a week":                                      false,
		"Cita de Sánchez y Feijóo en La Moncloa":                                false,
		"Quote from the CEO: we will grow again":                                false,
		"1984":                                                                  false,
		"5G":                                                                    false,
		"← 2 Jahre CryptoParty Graz":                                            true,
		"* Adventure mode now prevents you from destroying blocks":              true,
		"+ Added tulip beds near the gate":                                      true,
		"• Plot fees have been rebalanced":                                      true,
		"-1 degree overnight":                                                   false,
		"*Exclusive* interview with the mayor":                                  false,
		"Das F-Wort – Teil 2 →":                                                 true,
		"95' 2:1":                                                               true,
		"...":                                                                   true,
		"Startseite > News & Analysen > Topthemen > Influencer und Trading Apps":           true,
		"A la Carte\u00a0› News & Stories\u00a0› Reisen\u00a0› Der historische Purzelbaum": true,
		"Sales > forecast > actual":                           true,
		"Profit > forecast for the third year":                false,
		"Home > Pressemitteilung: Effiziente Hybridbatterie":  true,
		"Durchsuchen: Home » Unbefriedigt":                    true,
		"Sie sind hier: Startseite » Essen-Westviertel":       true,
		"Export > Import, says the ministry":                  false,
		"‹\u00a0Zurück":                                       true,
		"Weiter ›":                                            true,
		"« Messenger: Welchen hätten Sie den gerne?":          true,
		"Le « oui » des uns et le « non » des autres":         false,
		"« Gilets jaunes » : le « grand débat » tourne court": false,
		"Paris → Berlin → Moscou : le voyage d’un orchestre":  false,
		"Accueil » Sport » Football » Le PSG gagne encore":    true,
		// Headlines, quoted ones and ones with figures among them.
		"»frag.jetzt«": false,
		"« Les privatisations sont au profit d’intérêts privés »":     false,
		"Ergebnisse: RM Schülerinnen A, Aalen-Unterkochen, 19.5.2007": false,
		"Boot Tulln 2022 abgesagt":                                    false,
		"Xbox One X review: A console that keeps up with gaming PCs":  false,
	} {
		if got := neverHeadline(s); got != want {
			t.Errorf("neverHeadline(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTitleCandidatesSkipNeverHeadlines: a table row and a link to the
// previous post are no candidates, a date line is one, though it has more
// digits than letters (the ranks among the candidates read where the
// first date stands).
func TestTitleCandidatesSkipNeverHeadlines(t *testing.T) {
	p := &parser{}
	p.prepare("← Older post title here\n13\tPiotr Roe\t3\t3\nThe council votes on the new bridge\n24 July 2015\n" +
		"The council met on Tuesday and voted for the bridge after a long debate that ran into the night.\n")
	got := p.titleCandidates(4)
	if want := []int{2, 3}; !slices.Equal(got, want) {
		t.Errorf("titleCandidates = %v, want %v", got, want)
	}
}

// TestBestTitlePassesOverDates: a line that is only a date (with its
// labels, weekday and time) or that neverHeadline marks is never the
// headline, though the first stays a candidate for the ranks.
func TestBestTitlePassesOverDates(t *testing.T) {
	for s, want := range map[string]bool{
		"Dienstag, 1. Februar 2022":           true,
		"Posted on March 3, 2024 at 10:32":    true,
		"03.11.2021":                          true,
		"Jane Roe, 03.11.2021":                false,
		"The council votes on the new bridge": false,
	} {
		if got := onlyDate(s); got != want {
			t.Errorf("onlyDate(%q) = %v, want %v", s, got, want)
		}
	}
	p := &parser{}
	p.prepare("Dienstag, 1. Februar 2022\n2:1 (1:0)\nThe council votes on the new bridge\n")
	// A net without weights scores every candidate alike: the first one
	// not passed over wins.
	if got := p.bestTitle([]int{0, 1, 2}, make([][]float64, 3), &smallNet{}); got != 2 {
		t.Errorf("bestTitle = %d, want 2", got)
	}
}

// TestIsCredit: a credit line or a caption ending in its credit is never
// a headline candidate; a headline naming an agency in its words is one.
func TestIsCredit(t *testing.T) {
	for s, want := range map[string]bool{
		"Foto: Anita Roe": true,
		"Whale expert Hori Roe. Photograph: Adrian Roe":                                  true,
		"The minister reacts after the vote in Jerusalem. (Thomas Roe/AFP/Getty Images)": true,
		"Un grupo de pingüinos, en la Antártida el 11 de febrero pasado. EFE":            true,
		"A student erasing answers from a test (jroe11/iStock)":                          true,
		"Spencer Roe/Getty Images News/Getty Images":                                     true,
		"Olympia, Washington. (AP Photo/Ted S. Roe)":                                     true,
		"AFP cuts 60 jobs in Paris":                                                      false,
		"Reuters and AP agree on a photo pool":                                           false,
		"Why Getty Images sued an AI start-up":                                           false,
	} {
		if got := isCredit(s); got != want {
			t.Errorf("isCredit(%q) = %v, want %v", s, got, want)
		}
	}
}
