package pipeline

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/pipeline/doc"
	"folio/pipeline/normalize"
)

func tinyPNG(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sandbox lays out: outside/secret.png (the tripwire), in/ with a good
// image, symlinks out, a FIFO and a folder.
func sandbox(t *testing.T) (in string, secret string) {
	t.Helper()
	top := t.TempDir()
	in = filepath.Join(top, "in")
	os.MkdirAll(filepath.Join(in, "img"), 0o755)
	secret = filepath.Join(top, "secret.png")
	os.WriteFile(secret, tinyPNG(t), 0o644)
	os.WriteFile(filepath.Join(in, "img", "ok.png"), tinyPNG(t), 0o644)
	os.Symlink(secret, filepath.Join(in, "abs-link.png"))
	os.Symlink("../secret.png", filepath.Join(in, "rel-link.png"))
	os.Symlink("/etc/passwd", filepath.Join(in, "passwd.png"))
	os.Symlink("/dev/zero", filepath.Join(in, "zero.png"))
	if err := syscall.Mkfifo(filepath.Join(in, "fifo.png"), 0o644); err != nil {
		t.Logf("no FIFO: %v", err)
	}
	return in, secret
}

func TestResolverSandbox(t *testing.T) {
	in, secret := sandbox(t)
	before, _ := os.Stat(secret)
	r := NewResolver(in)
	tests := []struct{ src, code string }{
		{"img/ok.png", ""},
		{"./img/../img/ok.png", ""},
		{"img/ok%2Epng", ""},
		{"../secret.png", "outside-root"},
		{"%2e%2e/secret.png", "outside-root"},
		{secret, "outside-root"},
		{"file://" + secret, "outside-root"},
		{"abs-link.png", "outside-root"},
		{"rel-link.png", "outside-root"},
		{"passwd.png", "outside-root"},
		{"zero.png", "outside-root"},
		{"fifo.png", "not-regular-file"},
		{"img", "not-regular-file"},
		{"missing.png", "image-not-found"},
		{"http://169.254.169.254/latest/meta-data/", "remote-disabled"},
		{"https://example.com/a.png", "remote-disabled"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			done := make(chan struct{})
			var err error
			go func() {
				_, err = r.Resolve(context.Background(), tt.src, doc.Pos{})
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("resolver hung")
			}
			code := ""
			if re, ok := err.(*normalize.ResourceError); ok {
				code = re.Code
			} else if err != nil {
				code = "other: " + err.Error()
			}
			if code != tt.code {
				t.Errorf("code = %q (%v), want %q", code, err, tt.code)
			}
		})
	}
	after, _ := os.Stat(secret)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("the secret changed")
	}
}

func TestNoConnectionWithoutAllowRemote(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	defer ln.Close()
	got := make(chan struct{}, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Close()
			got <- struct{}{}
		}
	}()
	r := NewResolver(t.TempDir())
	for _, u := range []string{"http://" + ln.Addr().String() + "/a.png", "https://" + ln.Addr().String() + "/b.png"} {
		if _, err := r.Resolve(context.Background(), u, doc.Pos{}); err == nil {
			t.Errorf("%s resolved", u)
		}
	}
	select {
	case <-got:
		t.Error("a connection reached the local listener")
	case <-time.After(200 * time.Millisecond):
	}
}

func TestDataURLImage(t *testing.T) {
	r := NewResolver(t.TempDir())
	res, err := r.Resolve(context.Background(), "data:image/png;base64,"+b64(tinyPNG(t)), doc.Pos{})
	if err != nil || len(res.Data) == 0 {
		t.Fatalf("data URL: %v", err)
	}
	if _, err := r.Resolve(context.Background(), "data:text/html,<script>", doc.Pos{}); err == nil {
		t.Error("non-base64 data URL accepted")
	}
	// Wrapped over lines, as pages write long ones.
	enc := b64(tinyPNG(t))
	wrapped := "data:image/png;base64,\n  " + enc[:10] + "\n  " + enc[10:]
	if res, err := r.Resolve(context.Background(), wrapped, doc.Pos{}); err != nil || !bytes.Equal(res.Data, tinyPNG(t)) {
		t.Errorf("wrapped data URL: %v", err)
	}
	// Larger than a file may be: refused before decoding.
	huge := "data:image/png;base64," + strings.Repeat("A", base64.StdEncoding.EncodedLen(normalize.MaxImageBytes)+4)
	_, err = r.Resolve(context.Background(), huge, doc.Pos{})
	var re *normalize.ResourceError
	if !errors.As(err, &re) || re.Code != "image-too-large" {
		t.Errorf("huge data URL: %v, want image-too-large", err)
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
