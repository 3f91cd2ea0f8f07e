//go:build windows

package main

import (
	"os"
	"strings"
	"syscall"
)

// The .exe is linked as a GUI program (-H=windowsgui), so that starting the
// app from the Start menu opens no console window. Windows then gives it no
// standard output: run from cmd.exe or PowerShell, `cerfadesk.exe validate`
// would print nothing. For the sub-commands and the help, the program
// attaches to the console of the shell that started it and prints there.
func init() {
	if wantsConsole(os.Args[1:]) {
		attachParentConsole()
	}
}

// wantsConsole reports whether args run something that prints: a
// sub-command, the help, or a word the GUI would refuse with a message.
// Starting the GUI (no argument, --data, --ouvrir) does not attach: a GUI
// attached to a console would be closed with it.
func wantsConsole(args []string) bool {
	if len(args) == 0 {
		return false
	}
	a := args[0]
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return !strings.HasPrefix(a, "-") || (name != "data" && name != "ouvrir")
}

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

// attachParentConsole points the standard streams that lead nowhere at the
// parent's console. A stream already redirected (to a file, a pipe) stays as
// it is; started from Explorer, there is no console and nothing changes.
func attachParentConsole() {
	in, out, errOut := usable(syscall.STD_INPUT_HANDLE), usable(syscall.STD_OUTPUT_HANDLE), usable(syscall.STD_ERROR_HANDLE)
	if in && out && errOut {
		return
	}
	// ERROR_ACCESS_DENIED: already attached (Wine attaches a GUI program
	// to its parent's console itself), the console is there to open.
	if r, _, err := procAttachConsole.Call(attachParentProcess); r == 0 && err != syscall.ERROR_ACCESS_DENIED {
		return
	}
	if !out {
		rebind(&os.Stdout, "CONOUT$", syscall.STD_OUTPUT_HANDLE)
	}
	if !errOut {
		rebind(&os.Stderr, "CONOUT$", syscall.STD_ERROR_HANDLE)
	}
	if !in {
		rebind(&os.Stdin, "CONIN$", syscall.STD_INPUT_HANDLE)
	}
}

// usable reports whether the standard handle std leads somewhere.
func usable(std int) bool {
	h, err := syscall.GetStdHandle(std)
	return err == nil && h != 0 && h != syscall.InvalidHandle
}

// rebind opens the console device name and makes it *f and the process's
// standard handle std. Go writes to a console handle with WriteConsoleW,
// so accents print right whatever the console's code page.
func rebind(f **os.File, name string, std int) {
	// Console functions need read and write access on the buffer.
	c, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return
	}
	*f = c
	procSetStdHandle.Call(uintptr(uint32(std)), c.Fd())
}
