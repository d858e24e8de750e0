package markup

import (
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// linkKind classifies a link target.
type linkKind int

const (
	linkUnsafe   linkKind = iota
	linkExternal          // http, https, mailto
	linkInternal          // "#id"
	linkRelative          // no scheme
)

// classifyURL decides what a URL is after undoing the disguises browsers
// see through: HTML entities, ASCII whitespace and control characters
// anywhere, and letter case. A URL is internal when it starts with "#".
func classifyURL(raw string) linkKind {
	s := html.UnescapeString(raw)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] > 0x20 && s[i] != 0x7F {
			b.WriteByte(s[i])
		}
	}
	s = strings.ToLower(b.String())
	if strings.HasPrefix(raw, "#") && strings.HasPrefix(s, "#") {
		return linkInternal
	}
	scheme, ok := urlScheme(s)
	if !ok {
		// No valid scheme before the first ':' ("foo):", "a b:c"): a
		// browser's URL parser reads it as a relative reference too.
		return linkRelative
	}
	switch scheme {
	case "http", "https", "mailto":
		return linkExternal
	}
	return linkUnsafe
}

// dangerousScheme reports a URL whose scheme runs code or reads local data
// in a browser: never a link, whatever the options.
func dangerousScheme(raw string) bool {
	s := html.UnescapeString(raw)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] > 0x20 && s[i] != 0x7F {
			b.WriteByte(s[i])
		}
	}
	scheme, ok := urlScheme(strings.ToLower(b.String()))
	if !ok {
		return false
	}
	switch scheme {
	case "javascript", "vbscript", "data", "file", "livescript", "mocha":
		return true
	}
	return false
}

// urlScheme returns the scheme of s (lower case) when it has one.
func urlScheme(s string) (string, bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		letter := c >= 'a' && c <= 'z'
		if !(letter || (j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
			return "", false
		}
	}
	return s[:i], true
}

// urlSafeByte lists the ASCII bytes kept as they are in a URL; everything
// else is percent-encoded, as the CommonMark reference renderer does.
var urlSafeByte = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-_.!~*'();/?:@&=+$,#" {
		t[c] = true
	}
	return t
}()

// escapeURL percent-encodes a URL the way CommonMark's reference output
// does: existing %XX escapes are kept, a stray % becomes %25, spaces,
// quotes, brackets, backslashes, controls and non-ASCII become %XX. With
// keepNonASCII, characters beyond ASCII are left as they are (for fragment
// ids, so they match the id attribute literally).
//
// A URL must stay one valid URI (EPUBCheck and the Nu checker read it
// so): a '#' after the first, inside the fragment, becomes %23
// ("https://matrix.to/#/#room:example.org"); a host beyond ASCII is
// written in its ASCII form (HostASCII: "bücher.example" →
// "xn--bcher-kva.example"), and the brackets of an IPv6 host stay.
func escapeURL(s string, keepNonASCII bool) string {
	var b strings.Builder
	hostStart, hostEnd := authority(s)
	hashes := 0
	for i := 0; i < len(s); {
		if i == hostStart && hostEnd > hostStart {
			if h, a := s[hostStart:hostEnd], HostASCII(s[hostStart:hostEnd]); a != h {
				b.WriteString(a)
				i = hostEnd
				continue
			}
		}
		c := s[i]
		if (c == '[' || c == ']') && i >= hostStart && i < hostEnd {
			// An IPv6 host's brackets.
			b.WriteByte(c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
				b.WriteString(s[i : i+3])
				i += 3
				continue
			case c == '#':
				if hashes > 0 {
					b.WriteString("%23")
				} else {
					b.WriteByte(c)
				}
				hashes++
			case urlSafeByte[c]:
				b.WriteByte(c)
			default:
				fmt.Fprintf(&b, "%%%02X", c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			// invalid UTF-8: dropped
		case keepNonASCII && allowedRune(r):
			b.WriteString(s[i : i+n])
		default:
			for j := i; j < i+n; j++ {
				fmt.Fprintf(&b, "%%%02X", s[j])
			}
		}
		i += n
	}
	return b.String()
}

// authority returns where the host of an absolute URL with "//" starts
// and ends in s (after any user info, before the port, path, query or
// fragment); both 0 when s has none.
func authority(s string) (start, end int) {
	scheme, ok := urlScheme(strings.ToLower(s))
	if !ok || !strings.HasPrefix(s[len(scheme)+1:], "//") {
		return 0, 0
	}
	start = len(scheme) + 3
	end = len(s)
	if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
		end = start + i
	}
	if i := strings.LastIndexByte(s[start:end], '@'); i >= 0 {
		start += i + 1
	}
	if strings.HasPrefix(s[start:end], "[") {
		// An IPv6 literal: up to its closing bracket.
		if i := strings.IndexByte(s[start:end], ']'); i >= 0 {
			return start, start + i + 1
		}
		return 0, 0
	}
	if i := strings.LastIndexByte(s[start:end], ':'); i >= 0 {
		end = start + i
	}
	return start, end
}

// HostASCII writes a host name in the ASCII a URI allows: an
// internationalised name in its IDNA form ("bücher.example" →
// "xn--bcher-kva.example"), percent escapes in it undone first; an IPv6
// literal in brackets as it is. A host IDNA refuses is returned as given
// (escapeURL then percent-encodes it as any other part).
func HostASCII(host string) string {
	if strings.HasPrefix(host, "[") {
		return host
	}
	h, err := url.PathUnescape(host)
	if err != nil {
		h = host
	}
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return host
	}
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		return a
	}
	return host
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// LinkAsText is the warning for a link a writer shows as text only; every
// writer words it so, and the run reports it once.
func LinkAsText(url string) string {
	return "link to " + strconv.Quote(shorten(url)) + " rendered as text"
}

// shorten cuts a URL for a warning message.
func shorten(s string) string {
	if len(s) <= 80 {
		return s
	}
	i := 77
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
