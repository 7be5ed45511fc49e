package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X main.Version=…"; otherwise
// the module version or "dev".
var Version = ""

const versionHelp = `Usage: borderlink version

Prints the version of this binary, the Go version and the platform.
`

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", versionHelp)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "borderlink %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
