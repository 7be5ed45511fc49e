// Package demo runs the two-node demonstration: the Vietnamese Ministry of
// Public Security (vn.mps) and the Lao Ministry of Public Security (la.mps)
// on loopback, each with its own data directory, demo units and one demo
// account per role.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/config"
	"github.com/borderlink/borderlink/node"
)

// Site is one demo node.
type Site struct {
	NodeID  borderlink.NodeID
	Country string
	Dir     string // sub-directory of the demo data directory
	Users   []User
}

// User is a demo account.
type User struct {
	Username    string
	DisplayName string
	Role        auth.Role
	Unit        string
}

// Sites are the two demo nodes and their accounts: one per role, placed at
// the ministry or at a pair of facing border provinces (Nghệ An, VN-40, and
// Houaphanh, LA-07).
var Sites = []Site{
	{NodeID: "vn.mps", Country: "VN", Dir: "vn", Users: []User{
		{"duty", "Đỗ Thanh Bình", auth.RoleLiaison, "VN-MPS"},
		{"commander", "Trần Quốc Tuấn", auth.RoleCommander, "VN-40"},
		{"officer", "Nguyễn Văn Hùng", auth.RoleOfficer, "VN-40"},
		{"investigator", "Đinh Công Minh", auth.RoleInvestigator, "VN-40"},
		{"analyst", "Lê Thị Mai", auth.RoleAnalyst, "VN-MPS"},
		{"liaison", "Phạm Minh Đức", auth.RoleLiaison, "VN-40"},
		{"treatment", "Vũ Thị Lan", auth.RoleTreatment, "VN-40"},
		{"auditor", "Hoàng Văn Nam", auth.RoleAuditor, "VN-MPS"},
	}},
	{NodeID: "la.mps", Country: "LA", Dir: "la", Users: []User{
		{"duty", "ສີສະຫວາດ ແກ້ວບຸນພັນ", auth.RoleLiaison, "LA-MPS"},
		{"commander", "ສົມພອນ ພົມມະຈັນ", auth.RoleCommander, "LA-07"},
		{"officer", "ບຸນມີ ວົງສະຫວັນ", auth.RoleOfficer, "LA-07"},
		{"investigator", "ບຸນທະວີ ສີຫາລາດ", auth.RoleInvestigator, "LA-07"},
		{"analyst", "ຄຳພູ ສີພັນດອນ", auth.RoleAnalyst, "LA-MPS"},
		{"liaison", "ວົງວຽງສາ ສິດທິເດດ", auth.RoleLiaison, "LA-07"},
		{"treatment", "ສຸກສົມຄວນ ຈັນທະມາດ", auth.RoleTreatment, "LA-07"},
		{"auditor", "ພູປະສິດ ອຸດົມສິນ", auth.RoleAuditor, "LA-MPS"},
	}},
}

// Login is a demo account's credentials, kept in the node's data directory
// (mode 0600) so that a second start can print them again.
type Login struct {
	Username string    `json:"username"`
	Password string    `json:"password"`
	Role     auth.Role `json:"role"`
	Unit     string    `json:"unit"`
}

const loginsFile = "demo-logins.json"

// Options configure a demo run.
type Options struct {
	Dir   string            // data directory; each node gets Dir/vn and Dir/la
	Addrs map[string]string // listen address per site Dir ("vn", "la")
	// PeerAddrs are the mutual-TLS federation addresses per site Dir.
	PeerAddrs map[string]string
	Out       io.Writer // where URLs and logins are printed
	Logger    *slog.Logger
}

// Prepare creates the demo nodes that do not exist yet in o.Dir and returns
// the configuration and logins of each.
func Prepare(ctx context.Context, o Options) ([]config.Config, [][]Login, error) {
	var cfgs []config.Config
	var logins [][]Login
	for _, s := range Sites {
		dir := filepath.Join(o.Dir, s.Dir)
		c, ls, err := prepareSite(ctx, s, dir, o)
		if err != nil {
			return nil, nil, fmt.Errorf("demo: %s: %w", s.NodeID, err)
		}
		if a := o.Addrs[s.Dir]; a != "" {
			c.Listen = a
		}
		if a := o.PeerAddrs[s.Dir]; a != "" {
			c.FederationListen = a
		}
		cfgs = append(cfgs, c)
		logins = append(logins, ls)
	}
	return cfgs, logins, nil
}

// Peer configures the demo nodes as each other's peers (mutual TLS on
// loopback), changing only what differs from what they hold.
func Peer(ctx context.Context, nodes []*node.Node) error {
	for _, n := range nodes {
		for _, other := range nodes {
			if other == n {
				continue
			}
			want := other.AsPeer()
			have, err := n.Peers.Get(ctx, want.ID)
			if err == nil && have.URL == want.URL && have.Fingerprint() == want.Fingerprint() && have.PublicKey.Equal(want.PublicKey) &&
				strings.Join(have.Units, ",") == strings.Join(want.Units, ",") {
				continue
			}
			if err := n.Peers.Add(ctx, "demo", "demo", want); err != nil {
				return fmt.Errorf("demo: peer %s on %s: %w", want.ID, n.Config.NodeID, err)
			}
		}
	}
	return nil
}

func prepareSite(ctx context.Context, s Site, dir string, o Options) (config.Config, []Login, error) {
	cfgPath := filepath.Join(dir, node.ConfigFile)
	if _, err := os.Stat(cfgPath); err == nil {
		c, err := config.Load(cfgPath)
		if err != nil {
			return c, nil, err
		}
		c.DataDir = dir
		ls, err := readLogins(dir)
		return c, ls, err
	}
	c := config.Default()
	c.NodeID, c.Country, c.DataDir, c.Listen = s.NodeID, s.Country, dir, o.Addrs[s.Dir]
	c.FederationListen = o.PeerAddrs[s.Dir]
	c.LogFormat = "text"
	res, err := node.Init(ctx, node.InitOptions{Config: c, Demo: true, Options: node.Options{Logger: o.Logger}})
	if err != nil {
		return c, nil, err
	}
	ls := []Login{{Username: res.AdminUsername, Password: res.AdminPassword, Role: auth.RoleAdmin, Unit: node.MinistryCode(s.Country)}}
	n, err := node.Open(ctx, c, node.Options{Logger: o.Logger})
	if err != nil {
		return c, nil, err
	}
	defer n.Close()
	for _, u := range s.Users {
		pw := auth.GeneratePassword()
		_, err := n.Accounts.CreateUser(ctx, auth.System("demo"), auth.NewUser{Username: u.Username, DisplayName: u.DisplayName,
			Password: pw, Role: u.Role, Unit: u.Unit})
		if err != nil {
			return c, nil, fmt.Errorf("user %s: %w", u.Username, err)
		}
		ls = append(ls, Login{Username: u.Username, Password: pw, Role: u.Role, Unit: u.Unit})
	}
	return c, ls, writeLogins(dir, ls)
}

func writeLogins(dir string, ls []Login) error {
	b, err := json.MarshalIndent(ls, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, loginsFile), b, 0o600)
}

func readLogins(dir string) ([]Login, error) {
	b, err := os.ReadFile(filepath.Join(dir, loginsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ls []Login
	return ls, json.Unmarshal(b, &ls)
}
