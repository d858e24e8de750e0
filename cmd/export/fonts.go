package main

import (
	"fmt"

	"folio/assets/fonts"
	"folio/pipeline"
)

// checkFonts refuses a --font file that cannot be used (a usage error
// naming the file and why) and gives the run one library over the --font
// files and the system's fonts, read only if a document needs it.
func checkFonts(o *pipeline.Options) error {
	for _, f := range o.Fonts {
		if err := fonts.CheckFile(f); err != nil {
			return fmt.Errorf("--font %s: %v", f, err)
		}
	}
	o.FontLibrary = fonts.NewLibrary(o.Fonts, fonts.SystemDirs())
	return nil
}
