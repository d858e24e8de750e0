package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Every file Folio reads — inputs, glob matches, sidecars, images, the
// config file, the incremental manifest and what it watches — is opened
// here, inside a root folder (os.Root: no "..", no absolute path, no
// symbolic link that leads out of the root), without blocking (O_NONBLOCK:
// opening a FIFO nobody writes to returns at once), and checked with fstat
// before a byte is read: only regular files, and none larger than the
// caller's limit. Reading then stops at the limit as well, for a file that
// grows while it is read.

// FileError is a file the sandbox refused, with the code users see.
type FileError struct {
	Code string // outside-root, not-regular-file, invalid-path or the caller's too-large code
	Msg  string
}

func (e *FileError) Error() string { return e.Msg }

// fileLimit is the most a caller reads of one file, and the code and
// advice given for a larger one.
type fileLimit struct {
	max  int64
	code string
	// what names the file and limit names the limit in the message
	// ("the input is 1.4 MiB (…); --max-input-size is 512 KiB (…)");
	// empty, they read "the file" and "the limit".
	what, limit string
	hint        string
}

// openIn opens name (a slash-separated path relative to dir) for reading,
// refusing what leaves dir and what is not a regular file. A file that does
// not exist gives an error matching fs.ErrNotExist.
func openIn(dir, name string) (*os.File, fs.FileInfo, error) {
	if err := checkName(name); err != nil {
		return nil, nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	f, err := root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, openError(err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &FileError{"not-regular-file", describeMode(fi.Mode()) + ", not a regular file"}
	}
	return f, fi, nil
}

// readIn reads name inside dir, refusing a file over lim.max before
// reading it.
func readIn(dir, name string, lim fileLimit) ([]byte, error) {
	f, fi, err := openIn(dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, fi, lim)
}

func readLimited(f *os.File, fi fs.FileInfo, lim fileLimit) ([]byte, error) {
	if fi.Size() > lim.max {
		return nil, tooLarge(fi.Size(), lim)
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.max {
		return nil, tooLarge(int64(len(data)), lim)
	}
	return data, nil
}

func tooLarge(size int64, lim fileLimit) error {
	what, limit := cmp.Or(lim.what, "file"), cmp.Or(lim.limit, "the limit")
	msg := fmt.Sprintf("the %s is %s (%d bytes); %s is %s (%d bytes)", what, sizeMiB(size), size, limit, sizeMiB(lim.max), lim.max)
	if lim.hint != "" {
		msg += "; " + lim.hint
	}
	return &FileError{lim.code, msg}
}

// ReadFile reads the file at path, sandboxed in the folder that holds it:
// the file itself may be a symbolic link only to a file in that folder.
// cmd/export reads its config file through it.
func ReadFile(path string, max int64) ([]byte, error) {
	return readIn(filepath.Dir(path), filepath.Base(path), fileLimit{max: max, code: "too-large"})
}

// openPath is openIn for a path as given: sandboxed in its own folder.
func openPath(path string) (*os.File, fs.FileInfo, error) {
	return openIn(filepath.Dir(path), filepath.Base(path))
}

// readPath is readIn for a path as given: sandboxed in its own folder.
func readPath(path string, lim fileLimit) ([]byte, error) {
	return readIn(filepath.Dir(path), filepath.Base(path), lim)
}

// checkName refuses names no file system holds, so that they are not
// reported as leaving the folder: a NUL byte, a component longer than 255
// bytes.
func checkName(name string) error {
	if strings.IndexByte(name, 0) >= 0 {
		return &FileError{"invalid-path", "the path contains a NUL byte (%00)"}
	}
	for _, part := range strings.Split(filepath.ToSlash(name), "/") {
		if len(part) > 255 {
			return &FileError{"invalid-path", fmt.Sprintf("a name in the path is %d bytes long; file systems allow 255", len(part))}
		}
	}
	return nil
}

// openError gives the reason os.Root refused a name.
func openError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case strings.Contains(err.Error(), "path escapes from parent"):
		return &FileError{"outside-root", "the path, or a symbolic link on it, leads out of its folder; copy the file into the folder instead"}
	case errors.Is(err, syscall.ENAMETOOLONG):
		return &FileError{"invalid-path", "the path is too long"}
	case errors.Is(err, syscall.ELOOP):
		return &FileError{"outside-root", "too many symbolic links"}
	case errors.Is(err, syscall.ENXIO):
		// A socket, or a FIFO opened for writing elsewhere.
		return &FileError{"not-regular-file", "a socket or special file, not a regular file"}
	case errors.Is(err, syscall.ENOTDIR):
		return fs.ErrNotExist
	}
	return err
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file (" + m.Type().String() + ")"
}
