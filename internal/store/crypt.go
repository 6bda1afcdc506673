package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// crypter encrypts 身份证号 and phone numbers at rest (AES-256-GCM) and gives each a keyed hash
// (HMAC-SHA-256) so that exact lookups work without decrypting.
type crypter struct {
	aead    cipher.AEAD
	hmacKey []byte
}

const encPrefix = "enc:v1:"

func newCrypter(key []byte) (*crypter, error) {
	if len(key) != 32 {
		return nil, errors.New("加密密钥必须为32字节")
	}
	encKey := sha256.Sum256(append([]byte("fazhi-enc:"), key...))
	block, err := aes.NewCipher(encKey[:])
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	macKey := sha256.Sum256(append([]byte("fazhi-mac:"), key...))
	return &crypter{aead: aead, hmacKey: macKey[:]}, nil
}

func (c *crypter) seal(plain string) string {
	nonce := make([]byte, c.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	out := c.aead.Seal(nonce, nonce, []byte(plain), nil)
	return encPrefix + base64.RawStdEncoding.EncodeToString(out)
}

func (c *crypter) open(sealed string) (string, error) {
	if !strings.HasPrefix(sealed, encPrefix) {
		return "", fmt.Errorf("不是加密值")
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, encPrefix))
	if err != nil || len(raw) < c.aead.NonceSize() {
		return "", fmt.Errorf("加密值已损坏")
	}
	n := c.aead.NonceSize()
	plain, err := c.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", fmt.Errorf("无法解密：密钥不匹配或数据被改动")
	}
	return string(plain), nil
}

func (c *crypter) mac(plain string) string {
	m := hmac.New(sha256.New, c.hmacKey)
	m.Write([]byte(plain))
	return base64.RawStdEncoding.EncodeToString(m.Sum(nil))
}

// Mask hides the middle of a protected number: 4414**********123X, 138****5678.
func Mask(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	keepHead, keepTail := 3, 4
	if n >= 15 {
		keepHead = 4
	}
	if n <= keepHead+keepTail {
		return strings.Repeat("*", n)
	}
	r := []rune(s)
	return string(r[:keepHead]) + strings.Repeat("*", n-keepHead-keepTail) + string(r[n-keepTail:])
}
