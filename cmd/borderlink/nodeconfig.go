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
// --data and every configuration key (--listen, --database-url, …).
type nodeFlags struct {
	fs   *flag.FlagSet
	data *string
	over config.Config // receives flag values; only the flags set are used
}

// DataEnv names the data directory when --data is not given.
const DataEnv = "BORDERLINK_DATA"

func addNodeFlags(e *env, fs *flag.FlagSet) *nodeFlags {
	nf := &nodeFlags{fs: fs, over: config.Default()}
	def := e.getenv(DataEnv)
	if def == "" {
		def = "data"
	}
	nf.data = fs.String("data", def, "the node's data directory (or $"+DataEnv+")")
	nf.over.BindFlags(fs)
	return nf
}

// dataDir returns the data directory: --data, or --data-dir when only that
// was given.
func (nf *nodeFlags) dataDir() string {
	set := map[string]bool{}
	nf.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["data"] && set["data-dir"] {
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
		if f.Name == "data" || err != nil {
			return
		}
		if g := onto.Lookup(f.Name); g != nil {
			err = g.Value.Set(f.Value.String())
		}
	})
	return err
}
