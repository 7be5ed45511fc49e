package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// nodeFlags registers the flags every command that works on a node shares:
// --data and every configuration key (--listen, --database-url, …) that the
// command does not use for a flag of its own.
type nodeFlags struct {
	fs   *flag.FlagSet
	data *string
	over config.Config   // receives flag values; only the flags set are used
	keys map[string]bool // the configuration keys bound as flags on fs
}

// DataEnv names the data directory when --data is not given.
const DataEnv = "BORDERLINK_DATA"

// addNodeFlags registers --data and the configuration keys on fs. A command
// with a flag of its own named like a configuration key (units list
// --country) defines it before calling addNodeFlags; that key is then not
// settable from its command line.
func addNodeFlags(e *env, fs *flag.FlagSet) *nodeFlags {
	nf := &nodeFlags{fs: fs, over: config.Default(), keys: map[string]bool{}}
	def := e.getenv(DataEnv)
	if def == "" {
		def = "data"
	}
	nf.data = fs.String("data", def, "the node's data directory (or $"+DataEnv+")")
	keys := flag.NewFlagSet("", flag.ContinueOnError)
	nf.over.BindFlags(keys)
	keys.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
			nf.keys[f.Name] = true
		}
	})
	return nf
}

// dataDir returns the data directory: --data, or --data-dir when only that
// was given.
func (nf *nodeFlags) dataDir() string {
	set := map[string]bool{}
	nf.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["data"] && set["data-dir"] && nf.keys["data-dir"] {
		return nf.over.DataDir
	}
	return *nf.data
}

// load reads DATA/borderlink.toml, applies BORDERLINK_* variables and then
// the flags that were given: flag > environment > file > default.
func (nf *nodeFlags) load(e *env) (config.Config, error) {
	dir := nf.dataDir()
	path := filepath.Join(dir, node.ConfigFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return config.Config{}, borderlink.Errorf(borderlink.ENotFound, "error.not_initialised",
			"no node in "+dir+" (no "+node.ConfigFile+"): run 'borderlink init' or give --data", "dir", dir)
	}
	c, err := config.Load(path)
	if err != nil {
		return c, err
	}
	if err := c.ApplyEnv(e.getenv); err != nil {
		return c, err
	}
	if err := nf.apply(&c); err != nil {
		return c, err
	}
	c.DataDir = dir
	return c, c.Validate()
}

// apply copies the flags that were set onto c.
func (nf *nodeFlags) apply(c *config.Config) error {
	onto := flag.NewFlagSet("", flag.ContinueOnError)
	c.BindFlags(onto)
	var err error
	nf.fs.Visit(func(f *flag.Flag) {
		if !nf.keys[f.Name] || err != nil {
			return
		}
		if g := onto.Lookup(f.Name); g != nil {
			err = g.Value.Set(f.Value.String())
		}
	})
	return err
}
