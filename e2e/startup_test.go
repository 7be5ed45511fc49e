package e2e

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// BenchmarkStartup measures what `borderlink serve` does before it accepts
// the first request — open the data directory, migrate, load the units,
// build the services and the HTTP handler — on a node with only the
// reference units ("empty") and on a demo node.
func BenchmarkStartup(b *testing.B) {
	for _, tc := range []struct {
		name string
		demo bool
	}{{"empty", false}, {"demo", true}} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			cfg := config.Default()
			cfg.NodeID, cfg.Country, cfg.DataDir = "vn.mps", "VN", b.TempDir()
			opts := node.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
			if _, err := node.Init(ctx, node.InitOptions{Config: cfg, AdminPassword: "correct-horse-battery", Demo: tc.demo, Options: opts}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				n, err := node.Open(ctx, cfg, opts)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := n.Handler(); err != nil {
					b.Fatal(err)
				}
				n.Close()
			}
		})
	}
}
