package store

import "os"

// createPrivate creates an empty file only its owner may read and write (0600), failing when
// the file exists. The SQLite database and its backups hold every case: SQLite gives the -wal
// and -shm files the mode of the database file, so creating that one 0600 covers all three
// (GB/T 22239-2019 8.1.4.2 访问控制). An existing file keeps the mode it has.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}
