package webpage

import "bytes"

// Sniff reports whether src starts as a saved HTML page does (see
// isHTMLPage); the pipeline's Detect asks it for a file whose extension
// says nothing.
func Sniff(src []byte) bool { return isHTMLPage(bytes.TrimSpace(src)) }

// isHTMLPage reports a document that starts as an HTML page does:
// "<!DOCTYPE html" or "<html", after an XML declaration (XHTML) and
// comments (browsers start a saved page with "<!-- saved from url=… -->").
func isHTMLPage(src []byte) bool {
	lower := bytes.ToLower(bytes.TrimPrefix(src[:min(len(src), 4096)], []byte("\xEF\xBB\xBF")))
	if bytes.HasPrefix(lower, []byte("<!-- saved from url=")) {
		return true
	}
	for range 8 {
		lower = bytes.TrimLeft(lower, " \t\r\n\f")
		var end []byte
		switch {
		case bytes.HasPrefix(lower, []byte("<?xml")):
			end = []byte("?>")
		case bytes.HasPrefix(lower, []byte("<!--")):
			end = []byte("-->")
		default:
			return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html"))
		}
		i := bytes.Index(lower, end)
		if i < 0 {
			return false
		}
		lower = lower[i+len(end):]
	}
	return false
}
