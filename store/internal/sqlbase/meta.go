package sqlbase

import "context"

type metaRepo struct{ t *Tx }

func (r metaRepo) Get(ctx context.Context, key string) (string, error) {
	var v string
	err := r.t.QueryRow(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if err != nil {
		return "", wrap("meta get "+key, r.t.Classify(err))
	}
	return v, nil
}

func (r metaRepo) Set(ctx context.Context, key, value string) error {
	_, err := r.t.Exec(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return wrap("meta set "+key, err)
}
