package sealed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
)

// KeyRing holds the keys that seal and open values. It is safe for
// concurrent use; Rotate, Retire and Reload may run while other goroutines
// seal and open.
//
// The state sits behind a pointer so that even printing a KeyRing value
// with a verb that walks structs (%d, %x) shows an address, never key bytes;
// Format prints only the ids.
type KeyRing struct {
	s *ringState
}

type ringState struct {
	mu     sync.RWMutex
	set    keySet
	closed bool
}

func newRing(ks keySet) *KeyRing { return &KeyRing{s: &ringState{set: ks}} }

// CreateKeyFile writes a new key file at path holding one key, with mode
// 0600, and returns its ring. It refuses to replace an existing file (EConflict,
// ErrKeyFileExists): that would make every value sealed with the old keys
// unreadable.
func CreateKeyFile(path string) (*KeyRing, error) {
	k, err := generateKey(now(), nil)
	if err != nil {
		return nil, err
	}
	ks := keySet{keys: map[keyID]*key{k.id: k}, current: k.id}
	data := formatKeyFile(ks)
	defer clear(data)
	if err := writeNewFile(path, data); err != nil {
		ks.zero()
		return nil, err
	}
	return newRing(ks), nil
}

// LoadKeyRing reads the key file at path. It returns ENotFound when there is
// none, and EInvalid with ErrKeyFileMode when group or others may access it,
// or with ErrBadKeyFile when it is not a well-formed key file.
func LoadKeyRing(path string) (*KeyRing, error) {
	ks, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	return newRing(ks), nil
}

// now is the creation time written for a new key. The time is only shown to
// operators, never used to decide anything, so it is not injected.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// Rotate adds a new key to the key file at path and makes it current, both
// in the file and in r; the old keys stay, so values sealed with them still
// open. Keys in the file that r lacks (another process rotated meanwhile) and
// keys in r that the file lacks are both kept: a rotation never loses a key.
// The file is replaced atomically. Rotate returns the new key.
func (r *KeyRing) Rotate(path string) (KeyInfo, error) {
	var added *key
	err := r.update(path, func(ks *keySet) error {
		k, err := generateKey(now(), ks.keys)
		if err != nil {
			return err
		}
		ks.keys[k.id] = k
		ks.current = k.id
		added = k
		return nil
	})
	if err != nil {
		if added != nil && !r.holds(added) {
			added.zero()
		}
		return KeyInfo{}, err
	}
	return added.info(added.id), nil
}

// UsageFunc counts the stored values still sealed with the key id (see
// KeyID). The owner of the sealed rows provides it.
type UsageFunc func(keyID string) (int, error)

// Retire removes the key id from the key file at path and from r, and zeroes
// it. It refuses the current key (EConflict, ErrCurrentKey) and a key that
// usage still counts values for (EConflict, ErrKeyInUse): those values would
// never open again. Usage is required and runs while the file is held, so no
// other rotation or retirement interleaves. A node that loaded the file
// before a rotation may still seal with the old key: reload it first.
func (r *KeyRing) Retire(path, id string, usage UsageFunc) error {
	want, ok := parseKeyID([]byte(id))
	if !ok {
		return fail(borderlink.EInvalid, ErrUnknownKey, "%q is not a key id (8 hexadecimal digits)", id)
	}
	if usage == nil {
		return fail(borderlink.EInvalid, ErrUsageNotCounted, "retire key %s: no count of the values still sealed with it", id)
	}
	var retired *key
	err := r.update(path, func(ks *keySet) error {
		k, ok := ks.keys[want]
		if !ok {
			return fail(borderlink.ENotFound, ErrUnknownKey, "retire key %s: no such key in %s", id, path)
		}
		if want == ks.current {
			return fail(borderlink.EConflict, ErrCurrentKey, "retire key %s: it is the current key; rotate first, then reseal", id)
		}
		n, err := usage(want.String())
		if err != nil {
			return fail(borderlink.EInternal, err, "retire key %s: count the values sealed with it", id)
		}
		if n > 0 {
			return fail(borderlink.EConflict, ErrKeyInUse, "retire key %s: %d values are still sealed with it; reseal them first", id, n)
		}
		delete(ks.keys, want)
		retired = k
		return nil
	})
	if retired != nil && !r.holds(retired) {
		retired.zero()
	}
	return err
}

// Reload replaces r's keys with those of the key file at path, so that a
// running node picks up a rotation or retirement made by another process.
// On error r is unchanged.
func (r *KeyRing) Reload(path string) error {
	ks, err := readKeyFile(path)
	if err != nil {
		return err
	}
	s, err := r.state()
	if err != nil {
		ks.zero()
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ks.zero()
		return fail(borderlink.EInternal, ErrClosed, "the treatment key ring is closed")
	}
	old := s.set
	s.set = ks
	s.mu.Unlock()
	old.zero()
	return nil
}

// update changes the key file at path under an exclusive lock file
// (path + ".new", which is also the replacement being written) and then
// makes r hold what the file now holds. change gets the union of the file's
// keys and r's, with the file's current key.
func (r *KeyRing) update(path string, change func(*keySet) error) error {
	s, err := r.state()
	if err != nil {
		return err
	}
	tmpPath := path + ".new"
	tmp, err := os.OpenFile(tmpPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fail(borderlink.EConflict, ErrKeyFileBusy,
				"%s exists: another process is changing the key file, or a change was interrupted; "+
					"if no borderlink keys command is running, remove it (the key file itself is intact)", tmpPath)
		}
		return fail(borderlink.EInternal, err, "lock treatment key file %s", path)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmpPath)
		}
	}()

	disk, err := readKeyFile(path)
	if err != nil {
		return err
	}
	merged, err := s.merge(disk)
	if err != nil {
		return err
	}
	defer func() {
		if !renamed { // zero what the file or change added to the merge
			s.mu.RLock()
			for id, k := range merged.keys {
				if s.set.keys[id] != k {
					k.zero()
				}
			}
			s.mu.RUnlock()
		}
	}()
	if err := change(&merged); err != nil {
		return err
	}
	data := formatKeyFile(merged)
	err = writeSync(tmp, data)
	clear(data)
	if err != nil {
		return fail(borderlink.EInternal, err, "write %s", tmpPath)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fail(borderlink.EInternal, err, "replace treatment key file %s", path)
	}
	renamed = true
	// The file is replaced: r follows it even if the directory sync fails.
	syncErr := syncDir(filepath.Dir(path))

	s.mu.Lock()
	old := s.set
	s.set = merged
	s.mu.Unlock()
	for id, k := range old.keys {
		if merged.keys[id] != k {
			k.zero()
		}
	}
	if syncErr != nil {
		return fail(borderlink.EInternal, syncErr, "replace treatment key file %s: the change may not survive a power cut", path)
	}
	return nil
}

// merge returns the union of disk and s's keys, with disk's current key. It
// reuses s's key objects, zeroing disk's copies of them.
func (s *ringState) merge(disk keySet) (keySet, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		disk.zero()
		return keySet{}, fail(borderlink.EInternal, ErrClosed, "the treatment key ring is closed")
	}
	merged := keySet{keys: make(map[keyID]*key, len(disk.keys)+len(s.set.keys)), current: disk.current}
	for id, k := range s.set.keys {
		merged.keys[id] = k
	}
	for id, k := range disk.keys {
		mine, ok := merged.keys[id]
		if !ok {
			merged.keys[id] = k
			continue
		}
		same := mine.secret == k.secret
		k.zero()
		if !same {
			// Ids are derived from the keys, so this is a 32-bit collision
			// or a key changed in memory; either way, write nothing.
			return keySet{}, fail(borderlink.EInternal, ErrBadKeyFile, "key %s in the file differs from the loaded key of that id", id)
		}
	}
	return merged, nil
}

// CurrentID returns the id of the key that seals new values, or "" for a
// closed ring. Rows whose KeyID differs are the ones Reseal migrates.
func (r *KeyRing) CurrentID() string {
	s, err := r.state()
	if err != nil {
		return ""
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ""
	}
	return s.set.current.String()
}

// Keys describes the ring's keys, oldest first, without their bytes.
func (r *KeyRing) Keys() []KeyInfo {
	s, err := r.state()
	if err != nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []KeyInfo
	for _, k := range s.set.sorted() {
		out = append(out, k.info(s.set.current))
	}
	return out
}

// Close zeroes the ring's keys; sealing and opening then fail with
// ErrClosed. Close is for a node shutting down, and for tests.
func (r *KeyRing) Close() {
	s, err := r.state()
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.set.zero()
	s.set = keySet{}
	s.closed = true
}

// Format prints the ring's current id and key count, whatever the verb
// (%v, %+v, %#v, %s, %x, %d…), so that no log line can carry key bytes.
func (r KeyRing) Format(f fmt.State, verb rune) {
	if r.s == nil {
		fmt.Fprint(f, "sealed.KeyRing{}")
		return
	}
	r.s.mu.RLock()
	defer r.s.mu.RUnlock()
	if r.s.closed {
		fmt.Fprint(f, "sealed.KeyRing{closed}")
		return
	}
	fmt.Fprintf(f, "sealed.KeyRing{current: %s, keys: %d}", r.s.set.current, len(r.s.set.keys))
}

// holds reports whether k is one of r's keys.
func (r *KeyRing) holds(k *key) bool {
	r.s.mu.RLock()
	defer r.s.mu.RUnlock()
	return r.s.set.keys[k.id] == k
}

func (r *KeyRing) state() (*ringState, error) {
	if r == nil || r.s == nil {
		return nil, fail(borderlink.EInternal, ErrClosed, "no treatment key ring")
	}
	return r.s, nil
}

// lookup returns the key of id, or the current key when current is set.
func (r *KeyRing) lookup(id keyID, current bool) (*key, error) {
	s, err := r.state()
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, fail(borderlink.EInternal, ErrClosed, "the treatment key ring is closed")
	}
	if current {
		id = s.set.current
	}
	k, ok := s.set.keys[id]
	if !ok {
		return nil, fail(borderlink.EInternal, ErrUnknownKey,
			"the value was sealed with key %s, which the treatment key ring does not hold (wrong key file, or the key was retired)", id)
	}
	return k, nil
}
