// Package auth is accounts and access: users and their roles in units,
// passwords (argon2id), the TOTP second factor, sessions, API tokens, and
// throttling of sign-in attempts. RolePermissions is the whole access policy.
//
// Every change, and every refused or failed attempt, is written to the audit
// log in the same transaction. Passwords, session tokens and API tokens are
// stored only as hashes; TOTP secrets are stored as they are, since checking
// a code needs them, so the database must be protected like a key store.
package auth
