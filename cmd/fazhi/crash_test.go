package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
)

// TestMain lets the test binary stand in for fazhi in a child process (FAZHI_TEST_MAIN=1), so
// the crash test can kill a real server without building a separate binary.
func TestMain(m *testing.M) {
	if os.Getenv("FAZHI_TEST_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// A write the server acknowledged survives kill -9 of the server and a restart.
func TestAcknowledgedWriteSurvivesKill9(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "f.db")
	if code, out := fazhi(t, dir, "import", "--kind", "org", writeOrgs(t, dir)); code != 0 {
		t.Fatal(out)
	}
	addClerk(t, db)
	base, stop := startServer(t, db)
	client := login(t, base)
	var created struct {
		ID int64 `json:"id"`
	}
	body := `{"values":{"code":"CRASH-1","committee":"C-T","accepted_on":"2024-05-06","dispute_type":"邻里"}}`
	if status := apiPost(t, client, base, "/api/v1/records/mediation", body, &created); status != http.StatusCreated {
		t.Fatalf("create: %d", status)
	}
	stop(syscall.SIGKILL) // no shutdown, no checkpoint: the process is gone at once

	base, stop = startServer(t, db)
	defer stop(syscall.SIGTERM)
	client = login(t, base)
	resp, err := client.Get(fmt.Sprintf("%s/api/v1/records/mediation/%d", base, created.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "CRASH-1") {
		t.Fatalf("after kill -9 and restart: %d %s", resp.StatusCode, b)
	}
	if code, out := fazhi(t, dir, "audit", "verify"); code != 0 {
		t.Fatalf("audit after crash: %s", out)
	}
}

func writeOrgs(t *testing.T, dir string) string {
	p := filepath.Join(dir, "orgs.csv")
	os.WriteFile(p, []byte("编码,名称,类型,上级编码\nC,测试市,县级市,\nC-T,测试调委会,人民调解委员会,C\n"), 0o600)
	return p
}

func startServer(t *testing.T, db string) (string, func(os.Signal)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "serve", "--db", db, "--addr", addr)
	cmd.Env = append(os.Environ(), "FAZHI_TEST_MAIN=1", "FAZHI_ADMIN_PASSWORD=Crash-test-2024!")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	for i := 0; i < 100; i++ {
		if resp, err := http.Get(base + "/login"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return base, func(sig os.Signal) {
		cmd.Process.Signal(sig)
		cmd.Wait()
		if t.Failed() {
			t.Logf("server output: %s", out.String())
		}
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

const clerkPassword = "Crash-clerk-2024!"

// addClerk creates a mediation clerk for the whole test tree (the administrator reads no case
// data).
func addClerk(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := (&env{dbURL: db}).open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, _ := auth.HashPassword(clerkPassword)
	if _, err := st.SaveUser(ctx, operator("test"), system(), store.UserInput{Username: "clerk", PasswordHash: hash,
		Role: auth.RoleClerk, OrgCode: "C", Kinds: []string{"mediation"}}); err != nil {
		t.Fatal(err)
	}
}

// login signs in as the clerk.
func login(t *testing.T, base string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	for _, u := range []struct{ name, pw string }{{"clerk", clerkPassword}} {
		resp, err := c.Get(base + "/login")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfField.FindSubmatch(page)
		if m == nil {
			t.Fatalf("no csrf on login page")
		}
		resp, err = c.PostForm(base+"/login", url.Values{"username": {u.name}, "password": {u.pw}, "csrf": {string(m[1])}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	return c
}

func apiPost(t *testing.T, c *http.Client, base, path, body string, out any) int {
	t.Helper()
	resp, err := c.Get(base + "/api/v1/session")
	if err != nil {
		t.Fatal(err)
	}
	var sess struct {
		CSRF string `json:"csrf_token"`
	}
	json.NewDecoder(resp.Body).Decode(&sess)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", sess.CSRF)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		t.Logf("POST %s: %s", path, b)
	}
	json.Unmarshal(b, out)
	return resp.StatusCode
}
