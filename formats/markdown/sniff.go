package markdown

import "bytes"

// Sniff reports whether src is Markdown by its content: it opens with
// front matter, or has Markdown syntax on enough lines (markdownScore).
// The pipeline's Detect asks it for a file whose extension says nothing,
// after the JSON and HTML sniffers.
func Sniff(src []byte) bool {
	if bytes.HasPrefix(src, []byte("---\n")) || bytes.HasPrefix(src, []byte("---\r\n")) || bytes.HasPrefix(src, []byte("+++\n")) {
		return true
	}
	return markdownScore(src) >= 2
}

// markdownScore counts lines that only Markdown would write: ATX headings,
// fences, list markers, links, emphasis pairs, tables, quotes. Scraped
// article text scores 0 or 1.
func markdownScore(src []byte) int {
	score := 0
	for line := range bytes.Lines(src[:min(len(src), 64<<10)]) {
		l := bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(l, []byte("# ")), bytes.HasPrefix(l, []byte("## ")), bytes.HasPrefix(l, []byte("### ")):
			score += 2
		case bytes.HasPrefix(l, []byte("```")), bytes.HasPrefix(l, []byte("~~~")):
			score += 2
		case bytes.HasPrefix(l, []byte("- ")), bytes.HasPrefix(l, []byte("* ")), bytes.HasPrefix(l, []byte("> ")):
			score++
		case bytes.HasPrefix(l, []byte("|")) && bytes.Count(l, []byte("|")) >= 3:
			score++
		}
		if bytes.Contains(l, []byte("](")) || bytes.Contains(l, []byte("**")) || bytes.Contains(l, []byte("[^")) {
			score++
		}
		if score >= 4 {
			break
		}
	}
	return score
}
