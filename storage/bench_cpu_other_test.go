//go:build !unix

package storage

func processCPU() (int64, bool) { return 0, false }
