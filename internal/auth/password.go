// Package auth holds what decides who someone is and what they may see: password hashing,
// the password policy, logins with lockout, sessions, and the mapping of roles to the
// store.Scope every read and write is checked against.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters (RFC 9106's second recommended option, memory-constrained): 64 MiB,
// 3 passes, 2 lanes — about 0.1 s on the 2-core servers a county bureau runs, slow enough
// to make a stolen hash expensive to guess and fast enough for a login.
const (
	argonMemory  = 64 * 1024 // KiB
	argonTime    = 3
	argonThreads = 2
	argonKeyLen  = 32
	argonSaltLen = 16
)

// HashPassword returns the PHC string of password:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash> (unpadded standard base64).
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime,
		argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var b64 = base64.RawStdEncoding

// CheckPassword reports whether password matches the PHC string. The parameters are read from
// the string, so hashes made with other costs keep working after the constants change.
func CheckPassword(phc, password string) bool {
	p, err := parsePHC(phc)
	if err != nil {
		return false
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

type phc struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parsePHC(s string) (phc, error) {
	var p phc
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errors.New("不是 argon2id 哈希")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, errors.New("argon2 版本不符")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, err
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, err
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) == 0 {
		return p, errors.New("哈希值损坏")
	}
	return p, nil
}

// MinPasswordLength is the policy's minimum, in characters.
const MinPasswordLength = 10

// CheckPolicy returns what is wrong with a new password, in Chinese, or "" when it is
// acceptable: at least MinPasswordLength characters, not the username, and at least two kinds
// of characters (letters, digits, other), so that 1234567890 and aaaaaaaaaa are refused.
func CheckPolicy(username, password string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fmt.Sprintf("密码至少 %d 个字符（当前 %d 个）", MinPasswordLength, n)
	case n > 128:
		return "密码不能超过 128 个字符"
	case strings.EqualFold(password, username):
		return "密码不能与用户名相同"
	}
	var letter, digit, other bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	kinds := 0
	for _, b := range []bool{letter, digit, other} {
		if b {
			kinds++
		}
	}
	if kinds < 2 {
		return "密码须包含字母、数字、符号中的至少两类"
	}
	return ""
}

// unambiguous leaves out characters that are easily misread when a password is read out or
// copied from paper (0/O, 1/l/I).
const unambiguous = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// RandomPassword returns a one-time password for a new account or a reset; it satisfies the
// policy (letters and digits, 14 characters).
func RandomPassword() string {
	limit := 256 - 256%len(unambiguous) // reject bytes above the last whole cycle: no bias
	for {
		out := make([]byte, 0, 14)
		buf := make([]byte, 32)
		for len(out) < cap(out) {
			if _, err := rand.Read(buf); err != nil {
				panic(err)
			}
			for _, c := range buf {
				if int(c) < limit && len(out) < cap(out) {
					out = append(out, unambiguous[int(c)%len(unambiguous)])
				}
			}
		}
		if CheckPolicy("", string(out)) == "" {
			return string(out)
		}
	}
}

// A one-time password for an account with case access is made by two people (三员分立): the
// 系统管理员 who files the request gets the first half, the 安全保密管理员 who approves it the
// second, and the holder signs in once with the two halves typed one after the other, then sets
// their own. Neither administrator alone knows the password.

// halfLen is each half's length: 7 characters of a 56-letter alphabet, about 40 bits each.
const halfLen = 7

// RandomHalf returns one half of a split one-time password.
func RandomHalf() string { return RandomPassword()[:halfLen] }

// CompleteHalf returns a second half that makes first+second satisfy the policy.
func CompleteHalf(first string) string {
	for {
		if second := RandomHalf(); CheckPolicy("", first+second) == "" {
			return second
		}
	}
}
