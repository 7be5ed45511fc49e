package audit

// Repo is what the audit log needs from storage.
type Repo interface {
}
