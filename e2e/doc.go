// Package e2e holds end-to-end tests: real nodes on real SQLite files (and
// PostgreSQL when BORDERLINK_TEST_POSTGRES is set), real HTTP over loopback,
// and a real headless Chromium for the pages.
package e2e
