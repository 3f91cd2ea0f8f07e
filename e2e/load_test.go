package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/storage/opcopg/pgtest"
)

// luhnSIRET completes 13 digits with the Luhn check digit.
func luhnSIRET(first13 string) string {
	for d := 0; d <= 9; d++ {
		s := first13 + string(rune('0'+d))
		sum := 0
		for i := 0; i < 14; i++ {
			n := int(s[13-i] - '0')
			if i%2 == 1 {
				n *= 2
				if n > 9 {
					n -= 9
				}
			}
			sum += n
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// loadClient is one employer's app in the load test.
type loadClient struct {
	c       *sync.Client
	content json.RawMessage
	cursor  int64
}

// loadSetup starts a service with n employer accounts, signed in: one
// instance on SQLite, or (postgres) two instances on one PostgreSQL
// database, each client talking to one of them in turn (as a load
// balancer would spread them).
func loadSetup(b *testing.B, n int, synchronous string, postgres bool) (*server, []*loadClient) {
	b.Helper()
	accounts := make([]account, n)
	for i := range accounts {
		accounts[i] = account{"entreprise", fmt.Sprintf("emp%03d", i), fmt.Sprintf("rh%03d@example.fr", i),
			luhnSIRET(fmt.Sprintf("8347596%06d", i)), "mot-de-passe-charge"}
	}
	srv := startServerWith(b, serverOptions{sync: synchronous, quiet: true, postgres: postgres}, accounts...)
	tr := &http.Transport{MaxIdleConns: 2 * n, MaxIdleConnsPerHost: 2 * n}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	base, err := os.ReadFile("../testdata/domain/apprentissage-base.json")
	if err != nil {
		b.Fatal(err)
	}
	clients := make([]*loadClient, n)
	for i, a := range accounts {
		c := sync.NewClient(srv.insts[i%len(srv.insts)].url)
		c.HTTP = hc
		if _, err := c.Login(context.Background(), a.login, a.password); err != nil {
			b.Fatal(err)
		}
		content := strings.Replace(string(base), `"siret": "83475962300012"`, `"siret": "`+a.siret+`"`, 1)
		clients[i] = &loadClient{c: c, content: json.RawMessage(content)}
	}
	return srv, clients
}

// BenchmarkLoad50 runs 50 employers' apps against one opco-server on this
// machine (the load generator shares its 2 cores). Each app transmits new
// contracts and pulls its changes after every 10th. Two ways:
//
//   - closed: each app sends its next transmission as soon as the last one
//     is answered — the service's saturation throughput, with the latency
//     that 50 clients queueing behind each other then see;
//   - rate=500: the 50 apps together offer 500 transmissions per second
//     (each one every 100 ms, phases spread), and the latency is counted
//     from the moment each transmission was due (no coordinated omission).
//
// It reports transmissions per second and the p50/p99 latency of
// transmissions and pulls, with the service's default durability
// (synchronous=FULL) and, for the closed loop, NORMAL.
//
//	go test ./e2e -run '^$' -bench Load50 -benchtime 5000x
func BenchmarkLoad50(b *testing.B) {
	for _, c := range []struct {
		name     string
		sync     string
		rate     float64 // transmissions per second offered; 0: closed loop
		postgres bool
	}{
		{"closed/sqlite-sync=full", "full", 0, false},
		{"rate=500/sqlite-sync=full", "full", 500, false},
		{"closed/sqlite-sync=normal", "normal", 0, false},
		// Two instances on one PostgreSQL (synchronous_commit=on, fsync on:
		// scripts/pg-test.sh's cluster); skipped without one.
		{"closed/postgres-2-instances", "", 0, true},
		{"rate=500/postgres-2-instances", "", 500, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			if c.postgres {
				pgtest.BaseURL(b)
			}
			srv, clients := loadSetup(b, 50, c.sync, c.postgres)
			runLoad(b, srv.pids(), clients, c.rate)
		})
	}
}

func runLoad(b *testing.B, serverPIDs []int, clients []*loadClient, rate float64) {
	var (
		next     atomic.Int64
		mu       gosync.Mutex
		tx, pull []time.Duration
		failures atomic.Int64
		firstErr atomic.Value
	)
	for _, lc := range clients { // warm-up: one transmission each
		if _, err := lc.c.Transmit(context.Background(), uuid.NewString(), opcoapi.TransmitRequest{
			MessageID: uuid.NewString(), Contract: lc.content, At: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	srvCPU0, selfCPU0, dbCPU0 := cpuTimes(serverPIDs), cpuTime(os.Getpid()), postgresCPU()
	start := time.Now()
	period := time.Duration(0)
	if rate > 0 {
		period = time.Duration(float64(len(clients)) / rate * float64(time.Second))
	}
	var wg gosync.WaitGroup
	for i, lc := range clients {
		wg.Add(1)
		go func(i int, lc *loadClient) {
			defer wg.Done()
			var myTx, myPull []time.Duration
			due := start.Add(period * time.Duration(i) / time.Duration(len(clients)))
			for k := 1; next.Add(1) <= int64(b.N); k++ {
				if period > 0 {
					if d := time.Until(due); d > 0 {
						time.Sleep(d) // the open loop's schedule
					}
				} else {
					due = time.Now()
				}
				_, err := lc.c.Transmit(context.Background(), uuid.NewString(), opcoapi.TransmitRequest{
					MessageID: uuid.NewString(), Contract: lc.content, At: due})
				myTx = append(myTx, time.Since(due))
				due = due.Add(period)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				if k%10 == 0 {
					t1 := time.Now()
					ch, err := lc.c.Changes(context.Background(), lc.cursor, 100)
					myPull = append(myPull, time.Since(t1))
					if err != nil {
						failures.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					} else {
						lc.cursor = ch.Cursor
					}
				}
			}
			mu.Lock()
			tx, pull = append(tx, myTx...), append(pull, myPull...)
			mu.Unlock()
		}(i, lc)
	}
	wg.Wait()
	elapsed := time.Since(start)
	srvCPU, selfCPU, dbCPU := cpuTimes(serverPIDs)-srvCPU0, cpuTime(os.Getpid())-selfCPU0, postgresCPU()-dbCPU0
	b.StopTimer()
	if f := failures.Load(); f > 0 {
		b.Fatalf("%d requests failed, first: %v", f, firstErr.Load())
	}
	b.ReportMetric(float64(len(tx))/elapsed.Seconds(), "tx/s")
	b.ReportMetric(ms(percentile(tx, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(tx, 99)), "p99-ms")
	if len(pull) > 0 {
		b.ReportMetric(ms(percentile(pull, 50)), "pull-p50-ms")
		b.ReportMetric(ms(percentile(pull, 99)), "pull-p99-ms")
	}
	// CPU per transmission (its pull share included), less sensitive than
	// latency to the other processes of the machine.
	b.ReportMetric(float64(srvCPU.Microseconds())/float64(len(tx)), "server-cpu-µs/tx")
	b.ReportMetric(float64(selfCPU.Microseconds())/float64(len(tx)), "client-cpu-µs/tx")
	if dbCPU > 0 {
		b.ReportMetric(float64(dbCPU.Microseconds())/float64(len(tx)), "postgres-cpu-µs/tx")
	}
}

func cpuTimes(pids []int) time.Duration {
	var d time.Duration
	for _, p := range pids {
		d += cpuTime(p)
	}
	return d
}

// postgresCPU is the CPU time of the machine's postgres processes so far
// (their backends come and go; the total over /proc is what they cost).
func postgresCPU() time.Duration {
	entries, _ := os.ReadDir("/proc")
	var d time.Duration
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && strings.TrimSpace(string(comm)) == "postgres" {
			d += cpuTime(pid)
		}
	}
	return d
}

// cpuTime is the user + system CPU time a process used so far (Linux),
// from /proc/PID/stat in clock ticks of 10 ms.
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(fields) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(fields[11], 10, 64)
	st, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
