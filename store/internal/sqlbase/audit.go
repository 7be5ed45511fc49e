package sqlbase

// auditRepo implements audit.Repo.
type auditRepo struct{ t *Tx }
