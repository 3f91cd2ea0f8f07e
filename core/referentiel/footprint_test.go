//go:build linux

package referentiel

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestFootprint measures, in a fresh process, what the first Default() costs: wall time, CPU
// time (all threads, and the longest chain of the parallel load), live heap and resident
// memory. It checks the memory goals of issue 7 (live heap and
// resident growth under 20 MB); the time is logged, not checked, as it depends on the load of
// the machine (go test -run Footprint -v shows it; BenchmarkLoad measures it too).
func TestFootprint(t *testing.T) {
	if os.Getenv("REFERENTIEL_FOOTPRINT") == "child" {
		footprintChild()
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	if raceEnabled() {
		t.Skip("the race detector's shadow memory makes the figures meaningless")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFootprint$")
	cmd.Env = append(os.Environ(), "REFERENTIEL_FOOTPRINT=child")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	m := map[string]float64{}
	for _, f := range strings.Fields(string(out)) {
		if k, v, ok := strings.Cut(f, "="); ok {
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				m[k] = x
			}
		}
	}
	t.Logf("first Default(): wall %.1f ms, CPU %.1f ms (critical path %.1f ms); live heap %.1f MB; resident %.1f → %.1f MB (peak %.1f MB)",
		m["wall_ms"], m["cpu_ms"], m["critical_ms"], m["heap_mb"], m["rss0_mb"], m["rss_mb"], m["hwm_mb"])
	if m["heap_mb"] == 0 || m["heap_mb"] > 20 {
		t.Errorf("live heap %.1f MB, goal < 20 MB", m["heap_mb"])
	}
	if grown := m["rss_mb"] - m["rss0_mb"]; grown > 20 {
		t.Errorf("resident memory grew by %.1f MB, goal < 20 MB", grown)
	}
}

func footprintChild() {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	rss0, _ := procStatus("VmRSS")
	cpu0 := cpuTime()
	t0 := time.Now()
	s := Default()
	wall := time.Since(t0)
	cpu := cpuTime() - cpu0
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rss, _ := procStatus("VmRSS")
	hwm, _ := procStatus("VmHWM")
	fmt.Printf("wall_ms=%.2f cpu_ms=%.2f heap_mb=%.2f rss0_mb=%.2f rss_mb=%.2f hwm_mb=%.2f critical_ms=%.2f\n",
		float64(wall.Microseconds())/1000, float64(cpu.Microseconds())/1000,
		float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), rss0/1024, rss/1024, hwm/1024,
		float64(criticalPath().Microseconds())/1000)
	runtime.KeepAlive(s)
}

// criticalPath runs the steps of loadEmbedded again, each chain on its own thread, and
// returns the CPU time of the longest: max(postcodes, communes + small files) + join. That
// is the wall time of a load on two idle cores, measured even when other processes keep
// the machine busy (their time is not counted).
func criticalPath() time.Duration {
	var (
		wg             sync.WaitGroup
		pc             *postcodes
		com            *communes
		deps           *departements
		tPC, tCom, tJo time.Duration
	)
	wg.Go(func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		t0 := threadCPU()
		pc, _ = parseEmbedded(fCodesPostaux, parsePostcodes)
		tPC = threadCPU() - t0
	})
	wg.Go(func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		t0 := threadCPU()
		com, _ = parseEmbedded(fCommunes, parseCommunes)
		deps, _ = parseEmbedded(fDepartements, parseDepartements)
		_, _ = parseEmbedded(fRegions, parseRegions)
		_, _ = parseEmbedded(fIDCC, parseIDCC)
		_, _ = parseEmbedded(fNAFRev2, parseNAFRev2)
		_, _ = parseEmbedded(fNAF2025, parseNAF2025)
		tCom = threadCPU() - t0
	})
	wg.Wait()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadCPU()
	pc.join(com, deps)
	tJo = threadCPU() - t0
	return max(tPC, tCom) + tJo
}

// threadCPU returns the CPU time of the calling thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// procStatus reads a "kB" field of /proc/self/status.
func procStatus(field string) (float64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			return strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/self/status", field)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
