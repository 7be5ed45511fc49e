package sqlbase

// accountsRepo implements auth.Repo.
type accountsRepo struct{ t *Tx }
