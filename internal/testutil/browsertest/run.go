package browsertest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RunTimeout bounds each call of MustRun, MustGet and Screenshot.
const RunTimeout = 30 * time.Second

// MustRun runs the actions in order in the tab of ctx (from MustStart), all
// within RunTimeout, and fails the test on the first error, naming the page
// the tab was on.
func MustRun(tb testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	MustGet(tb, ctx, chromedp.Steps(actions...))
}

// MustGet runs one action that returns a value, such as chromedp.Text or
// chromedp.Location, within RunTimeout, and returns the value; on an error it
// fails the test as MustRun does.
func MustGet[T any](tb testing.TB, ctx context.Context, action chromedp.Action[T]) T {
	tb.Helper()
	runCtx, cancel := context.WithTimeout(ctx, RunTimeout)
	defer cancel()
	v, err := chromedp.Run(runCtx, action)
	if err == nil {
		return v
	}
	if errors.Is(runCtx.Err(), context.DeadlineExceeded) {
		tb.Fatalf("browser: not done within %v (page %s): %v", RunTimeout, currentURL(ctx), err)
	}
	tb.Fatalf("browser: %v (page %s)", err, currentURL(ctx))
	return v
}

// currentURL returns the address of the page in ctx's tab, or a note saying
// why it is not known.
func currentURL(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "unknown: " + err.Error()
	}
	return url
}

// Screenshot saves a PNG of the whole page (beyond the window, as far as the
// page reaches) to name.png in a directory of the test's own and returns the
// file's path. name should be a plain file name such as "login-lo".
func Screenshot(tb testing.TB, ctx context.Context, name string) string {
	tb.Helper()
	png := MustGet(tb, ctx, chromedp.FullScreenshot(100)) // quality 100 means PNG
	name = strings.TrimSuffix(filepath.Base(name), ".png")
	path := filepath.Join(tb.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.Fatalf("browsertest: save screenshot: %v", err)
	}
	// To look at the pages after the run: BORDERLINK_SCREENSHOT_DIR keeps a
	// copy of every screenshot.
	if dir := os.Getenv("BORDERLINK_SCREENSHOT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			tb.Errorf("browsertest: keep screenshot: %v", err)
		}
	}
	return path
}
