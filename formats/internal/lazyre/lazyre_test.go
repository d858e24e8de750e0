package lazyre

import (
	"sync"
	"testing"
)

func TestCompiledOnFirstUseAndShared(t *testing.T) {
	r := New(`(\d+)-(\d+)`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if m := r.FindStringSubmatch("pages 12-34"); len(m) != 3 || m[2] != "34" {
				t.Errorf("FindStringSubmatch = %q", m)
			}
		})
	}
	wg.Wait()
	if first := r.get(); r.get() != first {
		t.Error("compiled twice")
	}
	if got := r.ReplaceAllString("1-2 and 3-4", "$2-$1"); got != "2-1 and 4-3" {
		t.Errorf("ReplaceAllString = %q", got)
	}
}

func TestBadPatternPanicsOnUse(t *testing.T) {
	r := New(`(`) // creating it must not panic
	defer func() {
		if recover() == nil {
			t.Error("a pattern that does not compile did not panic on use")
		}
	}()
	r.MatchString("x")
}

func TestAlternation(t *testing.T) {
	got := Alternation([]string{"published", "on", "a.m."}, []string{"published on", "am"})
	if want := `published on|published|a\.m\.|am|on`; got != want {
		t.Fatalf("Alternation = %q, want %q", got, want)
	}
	re := New(`^(?:` + got + `)\b`)
	if m := re.FindString("published on Monday"); m != "published on" {
		t.Errorf("the longer phrase must win: got %q", m)
	}
}
