package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"folio/pipeline/normalize"
)

// Limits on fetching remote images (only with --allow-remote).
const (
	remoteTimeout   = 10 * time.Second
	remoteRedirects = 3
)

// Fetcher downloads remote images for --allow-remote. It refuses, after DNS
// resolution, every address that is not public unicast (loopback, private,
// link-local such as the cloud metadata service 169.254.169.254, CGNAT,
// multicast, unspecified): the check runs in the dialer on the address
// actually connected to, so a name that resolves to 127.0.0.1 or a
// redirect to a private host is refused too. Redirects are followed only
// to http and https, at most three; environment proxies are ignored (a
// proxy would hide the real address); bodies are cut at
// normalize.MaxImageBytes.
type Fetcher struct {
	client *http.Client
}

// errBlockedAddr is returned by the dialer for a refused address.
var errBlockedAddr = errors.New("address is not public")

// NewFetcher returns a fetcher with Folio's limits.
func NewFetcher() *Fetcher { return newFetcher(publicAddr) }

func newFetcher(allowed func(netip.Addr) bool) *Fetcher {
	dialer := &net.Dialer{
		Timeout: remoteTimeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", errBlockedAddr, address)
			}
			if !allowed(ap.Addr().Unmap()) {
				return fmt.Errorf("%w: %s", errBlockedAddr, ap.Addr())
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   remoteTimeout,
		ResponseHeaderTimeout: remoteTimeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
		DisableCompression:    true,
	}
	return &Fetcher{client: &http.Client{
		Transport: tr,
		Timeout:   remoteTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= remoteRedirects {
				return refuse("remote-refused", "more than %d redirects", remoteRedirects)
			}
			if s := strings.ToLower(req.URL.Scheme); s != "http" && s != "https" {
				return refuse("remote-refused", "redirect to a %s: URL", s)
			}
			return nil
		},
	}}
}

// publicAddr reports whether a is an address Folio may connect to.
func publicAddr(a netip.Addr) bool {
	switch {
	case !a.IsValid(), a.IsLoopback(), a.IsPrivate(), a.IsLinkLocalUnicast(),
		a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast(), a.IsMulticast(),
		a.IsUnspecified():
		return false
	case a.Is4() && netip.MustParsePrefix("100.64.0.0/10").Contains(a): // CGNAT
		return false
	case a.Is4() && a.As4()[0] == 0: // "this network"
		return false
	case a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return false
	case a.Is6() && blocked6(a):
		return false
	}
	return true
}

// tunnels6 are IPv6 prefixes that carry an IPv4 address inside, so that
// 127.0.0.1 or 169.254.169.254 could be reached through them.
var tunnels6 = []netip.Prefix{
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated)
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64, well-known prefix
	netip.MustParsePrefix("64:ff9b:1::/48"), // NAT64, local use
	netip.MustParsePrefix("2002::/16"),      // 6to4
}

func blocked6(a netip.Addr) bool {
	for _, p := range tunnels6 {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Fetch downloads u (an http or https URL).
func (f *Fetcher) Fetch(ctx context.Context, u *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, refuse("remote-failed", "%v", err)
	}
	req.Header.Set("User-Agent", "Folio/"+Version)
	resp, err := f.client.Do(req)
	if err != nil {
		var re *normalize.ResourceError
		switch {
		case errors.As(err, &re):
			return nil, re
		case errors.Is(err, errBlockedAddr):
			return nil, refuse("remote-refused", "%s is not a public address", hostOf(err, u))
		}
		return nil, refuse("remote-failed", "%v", unwrapURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, refuse("remote-failed", "HTTP %s", resp.Status)
	}
	if resp.ContentLength > normalize.MaxImageBytes {
		return nil, refuse("image-too-large", "%d bytes > %d", resp.ContentLength, normalize.MaxImageBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, normalize.MaxImageBytes+1))
	if err != nil {
		return nil, refuse("remote-failed", "%v", err)
	}
	if len(data) > normalize.MaxImageBytes {
		return nil, refuse("image-too-large", "more than %d bytes", normalize.MaxImageBytes)
	}
	return data, nil
}

func hostOf(err error, u *url.URL) string {
	msg := err.Error()
	if i := strings.Index(msg, errBlockedAddr.Error()+": "); i >= 0 {
		return msg[i+len(errBlockedAddr.Error())+2:]
	}
	return u.Hostname()
}

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
