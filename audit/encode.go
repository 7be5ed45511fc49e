package audit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// encodingV1 is the first byte of the version-1 encoding of an Entry.
const encodingV1 = 1

// Encode returns the canonical encoding of e, the bytes its leaf hash is
// computed over: the version byte 1, the time as a big-endian int64 of UTC
// microseconds since 1970, then Actor, ActorUnit, Action, ObjectType,
// ObjectID, Source, Outcome and Detail, each as a uvarint byte length
// followed by the bytes. Every Entry has exactly one encoding and every
// encoding one Entry.
//
// Seq is not encoded: an entry's place is fixed by its position in the tree,
// so an entry moved to another place still hashes as it did where it came
// from, which is how Verify tells a reordering from an alteration.
func (e Entry) Encode() []byte {
	fields := e.fields()
	n := 1 + 8
	for _, f := range fields {
		n += binary.MaxVarintLen64 + len(f)
	}
	b := make([]byte, 0, n)
	b = append(b, encodingV1)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Time.UnixMicro()))
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

func (e *Entry) fields() [8]string {
	return [8]string{e.Actor, e.ActorUnit, e.Action, e.ObjectType, e.ObjectID, e.Source, e.Outcome, e.Detail}
}

var errEncoding = errors.New("audit: malformed entry encoding")

// Decode parses an encoding made by Encode; anything else, including an
// over-long length prefix, is an error. The result has Seq 0.
func Decode(b []byte) (Entry, error) {
	orig := b
	if len(b) < 9 || b[0] != encodingV1 {
		return Entry{}, errEncoding
	}
	e := Entry{Time: time.UnixMicro(int64(binary.BigEndian.Uint64(b[1:9]))).UTC()}
	b = b[9:]
	ptrs := [8]*string{&e.Actor, &e.ActorUnit, &e.Action, &e.ObjectType, &e.ObjectID, &e.Source, &e.Outcome, &e.Detail}
	for _, p := range ptrs {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return Entry{}, errEncoding
		}
		*p = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	if len(b) != 0 || !bytes.Equal(e.Encode(), orig) {
		return Entry{}, errEncoding
	}
	return e, nil
}

// LeafHash returns the hash of e as a leaf of the log's tree:
// tlog.RecordHash of its encoding.
func (e Entry) LeafHash() tlog.Hash { return tlog.RecordHash(e.Encode()) }
