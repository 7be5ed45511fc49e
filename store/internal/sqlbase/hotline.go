package sqlbase

// hotlineRepo implements hotline.Repo.
type hotlineRepo struct{ t *Tx }
