package store

import (
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// signToken and readToken carry a small value through a URL, signed with the deployment's
// key under a purpose, so that a changed token is refused rather than read.
func (s *Store) signToken(purpose string, v any) string {
	b, _ := json.Marshal(v)
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + s.tokenMAC(purpose, payload)
}

func (s *Store) tokenMAC(purpose, payload string) string {
	return strings.NewReplacer("+", "-", "/", "_").Replace(s.crypt.mac(purpose + payload)[:22])
}

func (s *Store) readToken(purpose, token string, v any) bool {
	payload, mac, ok := strings.Cut(token, ".")
	if !ok || len(token) > 2000 || !hmac.Equal([]byte(mac), []byte(s.tokenMAC(purpose, payload))) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	return err == nil && json.Unmarshal(b, v) == nil
}
