package units

// Repo is what the units service needs from storage.
type Repo interface {
}
