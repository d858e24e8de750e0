package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// zlibPool recycles zlib writers between streams and documents. fpdf makes
// a new writer for every stream it compresses, and a new writer is about a
// megabyte of tables to allocate and clear: per page, that was a tenth of
// a typical article's PDF time. A pooled writer carries nothing from one
// stream to the next (Reset starts it afresh), so the output is the same
// as from a new one.
var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// compressStreams compresses the streams fpdf wrote uncompressed because
// the document was made with compression off: every page's content stream
// and the palette of an indexed image (what fpdf compresses itself when
// compression is on, and nothing else). It writes them exactly as fpdf
// does, at the same level, and moves the cross-reference offsets after
// them, so the result is byte for byte what fpdf writes with compression
// on. Anything it does not recognise is an error (the caller falls back to
// having fpdf compress).
func compressStreams(b []byte) ([]byte, error) {
	xref, offs, err := readXref(b)
	if err != nil {
		return nil, err
	}
	var targets []int
	for _, key := range []string{"/Contents ", "/ColorSpace [/Indexed /DeviceRGB "} {
		for rest := b[:xref]; ; {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			if key != "/Contents " { // skip the palette's highest index
				j := bytes.IndexByte(rest, ' ')
				if j < 0 {
					return nil, errors.New("short palette reference")
				}
				rest = rest[j+1:]
			}
			n, ok := leadingInt(rest)
			if !ok || n <= 0 || n >= len(offs) {
				return nil, fmt.Errorf("bad stream reference after %q", key)
			}
			targets = append(targets, n)
		}
	}
	slices.SortFunc(targets, func(x, y int) int { return offs[x] - offs[y] })
	targets = slices.Compact(targets)

	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	out := bytes.NewBuffer(make([]byte, 0, len(b)))
	var z bytes.Buffer
	shift := make([]int, 0, len(targets)) // growth of the file after each target
	at := 0
	for _, n := range targets {
		start := offs[n]
		head := fmt.Sprintf("%d 0 obj\n<</Length ", n)
		if start < at || !bytes.HasPrefix(b[start:], []byte(head)) {
			return nil, fmt.Errorf("object %d is not an uncompressed stream", n)
		}
		p := start + len(head)
		length, ok := leadingInt(b[p:])
		p += len(strconv.Itoa(length))
		const mid = ">>\nstream\n"
		if !ok || !bytes.HasPrefix(b[p:], []byte(mid)) {
			return nil, fmt.Errorf("object %d is not an uncompressed stream", n)
		}
		p += len(mid)
		if p+length > xref || !bytes.HasPrefix(b[p+length:], []byte("\nendstream\n")) {
			return nil, fmt.Errorf("object %d: stream length does not match", n)
		}
		z.Reset()
		zw.Reset(&z)
		zw.Write(b[p : p+length]) // writes to a bytes.Buffer cannot fail
		if err := zw.Close(); err != nil {
			return nil, err
		}
		out.Write(b[at:start])
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n, z.Len())
		out.Write(z.Bytes())
		at = p + length
		shift = append(shift, out.Len()-at)
	}
	out.Write(b[at:xref])
	// Each object moves by the growth of the streams before it.
	moved := func(off int) int {
		d := 0
		for i, n := range targets {
			if offs[n] < off {
				d = shift[i]
			}
		}
		return off + d
	}
	newOffs := make([]int, len(offs))
	for k, off := range offs[1:] {
		newOffs[k+1] = moved(off)
	}
	return writeXref(out, b, xref, newOffs)
}

// writeXref ends a file written again: the cross-reference table with the
// objects' new offsets (newOffs[0] unused), then fpdf's trailer from the
// old file b, with startxref pointing at the new table.
func writeXref(out *bytes.Buffer, b []byte, xref int, newOffs []int) ([]byte, error) {
	n := len(newOffs)
	trailer := b[xref+len(xrefHeader(n))+20*(n-1):]
	i := bytes.LastIndex(trailer, []byte("startxref\n"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	newXref := out.Len()
	out.WriteString(xrefHeader(n))
	for _, off := range newOffs[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	out.Write(trailer[:i])
	fmt.Fprintf(out, "startxref\n%d", newXref)
	tail := trailer[i+len("startxref\n"):]
	out.Write(tail[bytes.IndexByte(tail, '\n'):]) // readXref found the number's line
	return out.Bytes(), nil
}

func xrefHeader(n int) string { return fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", n) }

// readXref finds fpdf's cross-reference table (one section, from object
// 0) and returns where it starts and every object's offset (offs[0] is
// unused).
func readXref(b []byte) (int, []int, error) {
	i := bytes.LastIndex(b, []byte("\nstartxref\n"))
	if i < 0 {
		return 0, nil, errors.New("no startxref")
	}
	xref, ok := leadingInt(b[i+len("\nstartxref\n"):])
	if !ok || xref <= 0 || xref >= i || !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		return 0, nil, errors.New("no cross-reference table at startxref")
	}
	n, ok := leadingInt(b[xref+len("xref\n0 "):])
	if !ok || n < 1 {
		return 0, nil, errors.New("bad cross-reference table")
	}
	p := xref + len(xrefHeader(n))
	if !bytes.HasPrefix(b[xref:], []byte(xrefHeader(n))) || p+20*(n-1) > len(b) {
		return 0, nil, errors.New("bad cross-reference table")
	}
	offs := make([]int, n)
	for k := 1; k < n; k++ {
		e := b[p+20*(k-1) : p+20*k]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off >= xref {
			return 0, nil, fmt.Errorf("bad cross-reference entry %d", k)
		}
		offs[k] = off
	}
	return xref, offs, nil
}

// leadingInt parses the decimal digits b starts with.
func leadingInt(b []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(b) && i < 12 && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int(b[i]-'0')
	}
	return n, i > 0
}
