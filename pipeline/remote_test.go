package pipeline

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"folio/pipeline/doc"
)

// countingListener is a local TCP listener that counts the connections it
// accepts: the proof that nothing reached it.
type countingListener struct {
	net.Listener
	n atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

func smallPNG(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// serve starts an HTTP server on a counting loopback listener.
func serve(t *testing.T, h http.Handler) (*httptest.Server, *countingListener) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: ln}
	srv := &httptest.Server{Listener: cl, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cl
}

func imageWarning(t *testing.T, res *Result) doc.Warning {
	t.Helper()
	if res.Err != nil {
		t.Fatalf("err = %v", res.Err)
	}
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Message, "image ") {
			return w
		}
	}
	return doc.Warning{}
}

func TestRemoteImages(t *testing.T) {
	pngData := smallPNG(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/a.png", func(w http.ResponseWriter, r *http.Request) { w.Write(pngData) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 1<<20)
		for range 21 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv, ln := serve(t, mux)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	loopbackOK := func(a netip.Addr) bool { return a.IsLoopback() || publicAddr(a) }

	cases := []struct {
		name      string
		src       string
		allow     bool
		fetcher   *Fetcher
		wantCode  string // "" means the image was embedded
		wantConns int64
	}{
		{"without the flag nothing is fetched", srv.URL + "/a.png", false, nil, "remote-disabled", 0},
		{"metadata address without the flag", "http://169.254.169.254/latest/meta-data/", false, nil, "remote-disabled", 0},
		{"loopback refused after DNS", srv.URL + "/a.png", true, nil, "remote-refused", 0},
		{"a name resolving to loopback is refused", "http://localhost:" + port + "/a.png", true, nil, "remote-refused", 0},
		{"fetched when the address is allowed", srv.URL + "/a.png", true, newFetcher(loopbackOK), "", 1},
		{"redirect to file: refused", srv.URL + "/to-file", true, newFetcher(loopbackOK), "remote-refused", 1},
		{"redirect to the metadata address refused", srv.URL + "/to-metadata", true, newFetcher(loopbackOK), "remote-refused", 1},
		{"body over the size limit refused", srv.URL + "/huge", true, newFetcher(loopbackOK), "image-too-large", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := ln.n.Load()
			dir := t.TempDir()
			in := dir + "/r.md"
			writeFile(t, in, "# Remote\n\n![alt text]("+c.src+")\n")
			o := &Options{Formats: []string{"json"}, AllowRemote: c.allow, fetcher: c.fetcher}
			res := Convert(context.Background(), Job{Name: in, OutBase: dir + "/out/r"}, o)
			w := imageWarning(t, res)
			if w.Code != c.wantCode {
				t.Errorf("warning = %+v, want code %q", w, c.wantCode)
			}
			if c.wantCode != "" && (w.Pos.Line != 3 || w.Pos.File != in) {
				t.Errorf("warning position %v, want %s:3", w.Pos, in)
			}
			if got := ln.n.Load() - before; got != c.wantConns {
				t.Errorf("%d connections reached the listener, want %d", got, c.wantConns)
			}
		})
	}
}

func TestPublicAddr(t *testing.T) {
	for s, want := range map[string]bool{
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false,
		"fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false, "224.0.0.1": false,
		// IPv6 forms that carry an IPv4 address: IPv4-compatible, 6to4,
		// NAT64 (well-known and local-use prefixes).
		"::7f00:1": false, "::a9fe:a9fe": false, "2002:7f00:1::1": false, "2002:a9fe:a9fe::": false,
		"64:ff9b::a9fe:a9fe": false, "64:ff9b:1::a9fe:a9fe": false, "64:ff9b:1:ffff::1": false,
		"93.184.216.34": true, "2606:4700::1111": true, "2001:db9::1": true, "64:ff9b:2::1": true,
	} {
		if got := publicAddr(netip.MustParseAddr(s).Unmap()); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", s, got, want)
		}
	}
}
