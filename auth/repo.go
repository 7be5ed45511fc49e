package auth

// Repo is what the accounts service needs from storage.
type Repo interface {
}
