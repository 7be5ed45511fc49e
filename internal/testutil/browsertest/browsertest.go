// Package browsertest drives a headless Chromium from tests, through the
// Chrome DevTools Protocol (package chromedp).
//
//	ctx := browsertest.MustStart(t)
//	browsertest.MustRun(t, ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS("form")))
//	title := browsertest.MustGet(t, ctx, chromedp.Text(chromedp.CSS("h1")))
//	path := browsertest.Screenshot(t, ctx, "login")
//
// Each MustStart starts a browser of its own with a fresh profile, so tests
// share no cookies or storage and may run in parallel. Without Chromium the
// test is skipped with SkipMessage, so that `go test ./...` passes on a
// machine that has none and says what it did not run.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvVar names the Chromium binary to use; it wins over the usual places.
const EnvVar = "BORDERLINK_CHROMIUM"

// SkipMessage is what a browser test says when it is skipped.
const SkipMessage = "browser tests skipped: no Chromium found; install Debian's chromium or set " + EnvVar

// Window size of the browser, in CSS pixels.
const (
	WindowWidth  = 1280
	WindowHeight = 900
)

// startTimeout bounds how long MustStart waits for the browser to come up.
const startTimeout = 60 * time.Second

// MustStart starts a headless Chromium for the test and returns the context
// that addresses its first tab; pass it to MustRun and Screenshot. The browser
// is stopped and its profile removed when the test ends.
//
// The binary is $BORDERLINK_CHROMIUM, else /usr/bin/chromium, else chromium or
// chromium-browser on PATH. With none of them the test is skipped; a
// BORDERLINK_CHROMIUM that is not an executable file fails it.
func MustStart(tb testing.TB) context.Context {
	tb.Helper()
	path, err := findChromium(os.Getenv(EnvVar))
	if err != nil {
		tb.Fatalf("browsertest: %v", err)
	}
	if path == "" {
		tb.Skip(SkipMessage)
	}
	// TempDir before Cleanup: cleanups run last-registered first, so the
	// browser has exited before its profile directory is removed.
	dir := tb.TempDir()
	profile, tmp := filepath.Join(dir, "profile"), filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		tb.Fatalf("browsertest: %v", err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // CI runs as root, where the sandbox cannot start
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Containers often give /dev/shm only 64 MiB, where a full-page
		// screenshot can crash the renderer. This flag moves the shared
		// memory to files in TMPDIR; keep them with the test.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Env("TMPDIR="+tmp),
		// Screenshots as wide as the window, whether the page scrolls or not.
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(WindowWidth, WindowHeight),
	)
	logs := &testLog{tb: tb}
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logs.logf))
	tb.Cleanup(func() {
		cancelCtx()
		cancelAlloc() // waits for the browser process to exit
		logs.close()
	})

	// The first Run starts the browser. It must get ctx itself, not a
	// context with a deadline: the browser lives as long as that context.
	timer := time.AfterFunc(startTimeout, cancelCtx)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		tb.Fatalf("browsertest: %s did not start within %v", path, startTimeout)
	}
	if err != nil {
		tb.Fatalf("browsertest: start %s: %v", path, err)
	}
	return ctx
}

// findChromium returns the browser to run: env when set, else the first of
// the usual places that exists, else "" (no browser).
func findChromium(env string) (string, error) {
	if env != "" {
		fi, err := os.Stat(env)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvVar, env, err)
		}
		if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
			return "", fmt.Errorf("%s=%s: not an executable file", EnvVar, env)
		}
		return env, nil
	}
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", nil
}

// testLog forwards chromedp's error reports to the test log until the test's
// cleanup has finished; a testing.TB must not be used after that.
type testLog struct {
	mu     sync.Mutex
	tb     testing.TB
	closed bool
}

func (l *testLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.tb.Logf("chromium: "+format, args...)
	}
}

func (l *testLog) close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
}
