package pipeline

import "folio/assets/fonts"

// fontLibrary is where the PDF writer finds faces for characters the
// bundled ones lack: the run's shared library when the command line made
// one, else (in a worker process, which gets the options as JSON) a library
// of its own over the same files and the system's fonts when --font was
// given, else none: a run that did not ask for fallback fonts (tests) sets
// the same text on every machine.
func (o *Options) fontLibrary() *fonts.Library {
	if o.FontLibrary != nil {
		return o.FontLibrary
	}
	if len(o.Fonts) > 0 {
		return fonts.NewLibrary(o.Fonts, fonts.SystemDirs())
	}
	return nil
}
