package markdown

import (
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

func TestAdhoc2(t *testing.T) {
	for name, src := range map[string]string{
		"emph":     strings.Repeat("*a **a ", 65000) + strings.Repeat(" a** a*", 65000),
		"brackets": strings.Repeat("[", 50000) + "a" + strings.Repeat("]", 50000),
	} {
		start := time.Now()
		goldmark.New().Parser().Parse(text.NewReader([]byte(src)))
		t1 := time.Since(start)
		start = time.Now()
		New(Options{CommonMark: true}).Read([]byte(src), "x")
		t2 := time.Since(start)
		start = time.Now()
		New(Options{}).Read([]byte(src), "x")
		t.Logf("%s raw=%v cm=%v md=%v", name, t1, t2, time.Since(start))
	}
}
