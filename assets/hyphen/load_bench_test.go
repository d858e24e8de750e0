package hyphen

import "testing"

// BenchmarkLoad is what a language's patterns cost the first document in
// that language in a process: the widening of one-letter patterns and the
// library's parse. Measured on the shared 2-core machine (load 4–6), ms
// per language before/after widenSingles stopped building a pattern
// record per pattern and splitting with strings.Fields: en 6.7/2.6,
// ru 11.6/8.1, de 68/28, es 4.7/3.5; of German's 28, the library's own
// parse is about 20.
func BenchmarkLoad(b *testing.B) {
	for _, tag := range []string{"en", "ru", "de", "es"} {
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				load(sets[tag])
			}
		})
	}
}
