package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/fazhi/fazhi/internal/store"
)

// loadKey reads the 32-byte key that encrypts 身份证号 and phone numbers at rest, creating it
// on first use. It lives outside the database so that a copy of the database alone does not
// reveal them; back it up with the database.
func loadKey(path, dbURL string) ([]byte, error) {
	if v := os.Getenv("FAZHI_KEY"); v != "" && path == "" {
		return decodeKey(v, "环境变量 FAZHI_KEY")
	}
	path = keyPath(path, dbURL)
	text, err := readOrCreate(path, func(key []byte) string { return base64.StdEncoding.EncodeToString(key) + "\n" })
	if err != nil {
		return nil, err
	}
	return decodeKey(strings.TrimSpace(text), "密钥文件 "+path)
}

// keyPath is where secret.key is: the flag, else FAZHI_KEY_FILE, else beside the SQLite
// database (./fazhi-data for PostgreSQL).
func keyPath(path, dbURL string) string {
	if path == "" {
		path = os.Getenv("FAZHI_KEY_FILE")
	}
	if path == "" {
		path = filepath.Join("fazhi-data", "secret.key")
		if db := strings.TrimPrefix(dbURL, "sqlite:"); !strings.HasPrefix(dbURL, "postgres") {
			path = filepath.Join(filepath.Dir(db), "secret.key")
		}
	}
	return path
}

// auditKeyPath is where audit.key is: the flag, else FAZHI_AUDIT_KEY_FILE, else beside secret.key.
func auditKeyPath(path, keyFile, dbURL string) string {
	if path == "" {
		path = os.Getenv("FAZHI_AUDIT_KEY_FILE")
	}
	if path == "" {
		path = filepath.Join(filepath.Dir(keyPath(keyFile, dbURL)), "audit.key")
	}
	return path
}

// loadAuditKey reads the key that signs the audit chain (issue 9 item 5), creating an
// HMAC-SHA-256 one on first use; created says it was made now. Like secret.key it lives
// outside the database: whoever can write the database but not read this file cannot
// recompute a rewritten chain. `fazhi audit key --alg hmac-sm3` makes an SM3 one instead.
func loadAuditKey(path string) (key *store.AuditKey, created bool, err error) {
	_, statErr := os.Stat(path)
	text, err := readOrCreate(path, func(secret []byte) string { return store.FormatAuditKey(store.AuditHMACSHA256, secret) })
	if err != nil {
		return nil, false, err
	}
	key, err = store.ParseAuditKey(text)
	if err != nil {
		return nil, false, fmt.Errorf("审计密钥文件 %s: %w", path, err)
	}
	return key, errors.Is(statErr, os.ErrNotExist), nil
}

// readOrCreate reads a key file, first creating it (0600, its folder 0700) with format applied
// to 32 fresh random bytes when it does not exist.
func readOrCreate(path string, format func(secret []byte) string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return "", err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return "", err
		}
		text := format(secret)
		// Written aside and linked into place: of two processes starting together one key wins,
		// whole, and both use it.
		tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*")
		if err != nil {
			return "", fmt.Errorf("无法创建密钥文件 %s: %w", path, err)
		}
		defer os.Remove(tmp.Name())
		_, err = tmp.WriteString(text)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Link(tmp.Name(), path)
		}
		if errors.Is(err, os.ErrExist) {
			return readOrCreate(path, format)
		}
		if err != nil {
			return "", fmt.Errorf("无法创建密钥文件 %s: %w", path, err)
		}
		return text, nil
	}
	if err != nil {
		return "", fmt.Errorf("无法读取密钥文件 %s: %w", path, err)
	}
	return string(b), nil
}

func decodeKey(text, where string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%s 的内容不是32字节的 base64 密钥", where)
	}
	return key, nil
}
