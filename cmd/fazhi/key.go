package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// loadKey reads the 32-byte key that encrypts 身份证号 and phone numbers at rest, creating it
// on first use. It lives outside the database so that a copy of the database alone does not
// reveal them; back it up with the database.
func loadKey(path, dbURL string) ([]byte, error) {
	if v := os.Getenv("FAZHI_KEY"); v != "" && path == "" {
		return decodeKey(v, "环境变量 FAZHI_KEY")
	}
	if path == "" {
		path = os.Getenv("FAZHI_KEY_FILE")
	}
	if path == "" {
		path = filepath.Join("fazhi-data", "secret.key")
		if db := strings.TrimPrefix(dbURL, "sqlite:"); !strings.HasPrefix(dbURL, "postgres") {
			path = filepath.Join(filepath.Dir(db), "secret.key")
		}
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		text := base64.StdEncoding.EncodeToString(key) + "\n"
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			return nil, fmt.Errorf("无法创建密钥文件 %s: %w", path, err)
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取密钥文件 %s: %w", path, err)
	}
	return decodeKey(strings.TrimSpace(string(b)), "密钥文件 "+path)
}

func decodeKey(text, where string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%s 的内容不是32字节的 base64 密钥", where)
	}
	return key, nil
}
