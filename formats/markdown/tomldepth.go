package markdown

import "bytes"

// tomlNesting finds the first place where TOML text nests deeper than max
// (inline tables and arrays, plus the parts of dotted keys) and reports its
// 0-based line, or -1. It runs before the TOML parser, whose time and
// memory grow with the square of the depth: 16,000 nested inline tables
// (64 KB, under the front-matter size cap) took 38 s and 8 GB. It is a
// lexer, not a parser: it skips strings and comments and counts brackets
// and key dots; what it lets through, the parser judges.
func tomlNesting(raw []byte, max int) int {
	type level struct {
		table bool // "{" rather than "["
		add   int  // 1 + the dots of the key that opened it
	}
	var (
		line    int
		stack   []level
		depth   int // sum of the stack's add
		keyDots int // dots in the key being read
		inKey   = true
	)
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\n':
			line++
			if len(stack) == 0 {
				inKey, keyDots = true, 0
			}
		case '#':
			if j := bytes.IndexByte(raw[i:], '\n'); j > 0 {
				i += j - 1
			} else {
				i = len(raw)
			}
		case '"', '\'':
			end := skipTOMLString(raw, i)
			line += bytes.Count(raw[i:end], []byte("\n"))
			i = end
		case '.':
			if inKey {
				if keyDots++; depth+keyDots > max {
					return line
				}
			}
		case '=':
			inKey = false
		case '{', '[':
			if inKey && len(stack) == 0 {
				continue // a table header, [a.b] or [[a.b]]: its dots count as key dots
			}
			stack = append(stack, level{table: c == '{', add: 1 + keyDots})
			depth += 1 + keyDots
			keyDots, inKey = 0, c == '{'
			if depth > max {
				return line
			}
		case '}', ']':
			if len(stack) > 0 {
				depth -= stack[len(stack)-1].add
				stack = stack[:len(stack)-1]
			}
			inKey = false
		case ',':
			if len(stack) > 0 {
				keyDots, inKey = 0, stack[len(stack)-1].table
			}
		}
	}
	return -1
}

// skipTOMLString returns the index of the last byte of the string that
// starts at raw[i] (basic "…", literal '…', or their multi-line """…"""
// and ”'…”' forms), or the end of raw when it is not closed.
func skipTOMLString(raw []byte, i int) int {
	q := raw[i]
	if bytes.HasPrefix(raw[i:], []byte{q, q, q}) {
		for j := i + 3; j+2 < len(raw); j++ {
			if q == '"' && raw[j] == '\\' {
				j++
				continue
			}
			if raw[j] == q && raw[j+1] == q && raw[j+2] == q {
				return j + 2
			}
		}
		return len(raw) - 1
	}
	for j := i + 1; j < len(raw); j++ {
		switch {
		case q == '"' && raw[j] == '\\':
			j++
		case raw[j] == q:
			return j
		case raw[j] == '\n':
			return j - 1 // unclosed on its line: the parser will say so
		}
	}
	return len(raw) - 1
}
