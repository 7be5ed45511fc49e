package sqlbase

// unitsRepo implements units.Repo.
type unitsRepo struct{ t *Tx }
