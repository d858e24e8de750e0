package pipeline

import (
	"bytes"
	"encoding/xml"
	"io"
)

// wellFormedXML parses data strictly (HTML's named entities allowed, as
// XHTML readers accept them) and returns the first error.
func wellFormedXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	for {
		if _, err := dec.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
