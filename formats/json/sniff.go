package json

import "bytes"

// Sniff reports whether src is a Folio JSON tree by its content: it opens
// with the "folio" version key, as Write writes it or compacted.
func Sniff(src []byte) bool {
	trimmed := bytes.TrimSpace(src)
	return bytes.HasPrefix(trimmed, []byte(`{"folio"`)) || bytes.HasPrefix(trimmed, []byte("{\n  \"folio\""))
}
