package node

import (
	"io"
	"log/slog"
	"strings"
)

// NewLogger returns the node's structured logger: JSON lines (or text for a
// terminal) at the configured level, each tagged with the node id so that the
// two demo nodes can share one output.
func NewLogger(w io.Writer, level, format, nodeID string) *slog.Logger {
	var lv slog.Level
	switch strings.ToLower(level) {
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	var h slog.Handler
	if strings.ToLower(format) == "text" {
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(h).With("node", nodeID)
}
