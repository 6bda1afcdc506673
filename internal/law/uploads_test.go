package law

import (
	"testing"
)

// TestKindsDeclareUploads: every kind says what its attachments usually are (the upload hint).
func TestKindsDeclareUploads(t *testing.T) {
	for _, k := range Kinds() {
		if k.Uploads == "" {
			t.Errorf("%s declares no Uploads hint", k.Name)
		}
	}
}
