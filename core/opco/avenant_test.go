package opco

import (
	"context"
	"strings"
	gosync "sync"
	"testing"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
)

// avenantJSON is the example contract as an avenant (type 36) of the
// contract registered under numero.
func avenantJSON(t *testing.T, numero string, marked bool) []byte {
	t.Helper()
	c, err := contract.Decode(exampleJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	c.Contrat.Avenant = marked
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Contrat.NumeroContratPrecedent = numero
	c.Contrat.DateEffetAvenant = civil.MustParse("2026-12-01")
	data, err := contract.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// engage transmits content under a new id and declares it conforme.
func (f *fixture) engage(ent, agent string, content []byte) opcoapi.PushResponse {
	f.t.Helper()
	id := uuid.NewString()
	out, st, e := f.transmit(ent, id, content)
	if e != nil {
		f.t.Fatalf("transmit: %d %+v", st, e)
	}
	var dec opcoapi.PushResponse
	if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(id, "decision"), opcoapi.DecisionRequest{
		MessageID: uuid.NewString(), Version: out.Contract.Version, Action: opcoapi.DecisionConforme}, &dec); e != nil {
		f.t.Fatalf("decision: %d %+v", st, e)
	}
	return dec
}

// depotOf returns the n° de dépôt and numéro d'avenant of an engaged
// contract's frame, and the text of its courrier d'accord.
func (f *fixture) depotOf(token string, dec opcoapi.PushResponse) (numero, avenant, letter string) {
	f.t.Helper()
	c, err := contract.Decode(dec.Contract.Content)
	if err != nil || c.Depot == nil {
		f.t.Fatalf("depot frame: %v %+v", err, c)
	}
	if c.Depot.NumeroDepot != dec.Contract.NumeroDepot {
		f.t.Errorf("frame %s, record %s", c.Depot.NumeroDepot, dec.Contract.NumeroDepot)
	}
	for _, d := range dec.Contract.Documents {
		if d.Letter && d.Type == "COURRIER_ACCORD" {
			rc, err := f.svc.Contents.OpenContent(context.Background(), d.SHA256)
			if err != nil {
				f.t.Fatal(err)
			}
			var b strings.Builder
			buf := make([]byte, 1<<16)
			for {
				n, err := rc.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			rc.Close()
			letter = strings.Join(strings.Fields(pdfText(f.t, []byte(b.String()))), " ")
		}
	}
	return c.Depot.NumeroDepot, c.Depot.NumeroAvenant, letter
}

// An avenant engaged keeps the n° de dépôt of its contract and takes the
// next numéro d'avenant under it; its courrier d'accord says « avenant
// n° N au contrat n° … ». An avenant of a contract engaged elsewhere is
// numbered under the number it names.
func TestAvenantNumbering(t *testing.T) {
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	orig, _, _ := f.depotOf(ent, f.engage(ent, agent, exampleJSON(t)))
	elsewhere := "075202401NC0007"
	for _, tc := range []struct {
		name        string
		content     []byte
		wantDepot   string
		wantAvenant string
	}{
		{"first avenant", avenantJSON(t, orig, true), orig, "1"},
		{"second avenant", avenantJSON(t, orig, true), orig, "2"},
		{"avenant imported without the mark (type 36 says it)", avenantJSON(t, strings.ToLower(orig), false), orig, "3"},
		{"avenant of a contract engaged elsewhere", avenantJSON(t, elsewhere, true), elsewhere, "1"},
		{"its second one", avenantJSON(t, elsewhere, false), elsewhere, "2"},
		{"a new contract", exampleJSON(t), "", ""},
	} {
		numero, avenant, letter := f.depotOf(ent, f.engage(ent, agent, tc.content))
		if tc.wantDepot == "" {
			if numero == orig || avenant != "" || strings.Contains(letter, "avenant n°") {
				t.Errorf("%s: n° de dépôt %s (original %s), numéro d'avenant %q", tc.name, numero, orig, avenant)
			}
			continue
		}
		if numero != tc.wantDepot || avenant != tc.wantAvenant {
			t.Errorf("%s: n° de dépôt %s avenant %q, want %s avenant %q", tc.name, numero, avenant, tc.wantDepot, tc.wantAvenant)
		}
		want := "avenant n° " + tc.wantAvenant + " au contrat n° " + tc.wantDepot
		if !strings.Contains(letter, want) || !strings.Contains(letter, "N° d'avenant : "+tc.wantAvenant) {
			t.Errorf("%s: the courrier d'accord lacks %q:\n%s", tc.name, want, letter)
		}
	}
}

// Two avenants of one contract declared conformes at once: the one drawn
// with a numéro d'avenant the other took is drawn again with the next.
func TestAvenantRedrawnWhenNumberTaken(t *testing.T) {
	f := newFixture(t)
	ent, agentTok := f.login("leroux"), f.login("agent")
	orig, _, _ := f.depotOf(ent, f.engage(ent, agentTok, exampleJSON(t)))
	var ids []string
	var versions []int64
	for range 2 {
		id := uuid.NewString()
		out, st, e := f.transmit(ent, id, avenantJSON(t, orig, true))
		if e != nil {
			t.Fatalf("transmit: %d %+v", st, e)
		}
		ids, versions = append(ids, id), append(versions, out.Contract.Version)
	}
	drawing, release := make(chan struct{}), make(chan struct{})
	var (
		mu    gosync.Mutex
		drawn []string
		first = true
	)
	withLetterHook(t, func(s *Service, r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error) {
		mu.Lock()
		drawn = append(drawn, r.id+" "+numeroAvenant(c))
		block := first && r.id == ids[0]
		first = first && !block
		mu.Unlock()
		if block {
			close(drawing)
			<-release
		}
		return s.writeLetter(r, c, req, today)
	})
	agent := f.account("agent")
	res := make(chan opcoapi.PushResponse, 1)
	go func() {
		out, err := f.svc.Decide(context.Background(), agent, ids[0], opcoapi.DecisionRequest{MessageID: uuid.NewString(),
			Version: versions[0], Action: opcoapi.DecisionConforme})
		if err != nil {
			t.Error(err)
		}
		res <- out
	}()
	<-drawing
	second, err := f.svc.Decide(context.Background(), agent, ids[1], opcoapi.DecisionRequest{MessageID: uuid.NewString(),
		Version: versions[1], Action: opcoapi.DecisionConforme})
	close(release)
	if err != nil {
		t.Fatal(err)
	}
	firstOut := <-res
	n1, a1, l1 := f.depotOf(ent, firstOut)
	n2, a2, _ := f.depotOf(ent, second)
	if n1 != orig || n2 != orig || a1 != "2" || a2 != "1" {
		t.Fatalf("first %s avenant %s, second %s avenant %s; want both %s, 2 and 1", n1, a1, n2, a2, orig)
	}
	if !strings.Contains(l1, "avenant n° 2 au contrat n° "+orig) {
		t.Errorf("the redrawn letter says:\n%s", l1)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(drawn) != 3 || drawn[0] != ids[0]+" 1" || drawn[2] != ids[0]+" 2" {
		t.Errorf("letters drawn: %v", drawn)
	}
}

// The queue tells an avenant from a contract from its columns (the n° de
// dépôt it names, its type), and the agent's GET of an avenant names the
// engaged contract it changes when the service holds it.
func TestQueueAndReviewNameTheAvenant(t *testing.T) {
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	engaged := f.engage(ent, agent, exampleJSON(t))
	orig := engaged.Contract.NumeroDepot
	ids := map[string]string{}
	for _, tc := range []struct{ name, numero string }{
		{"contract", ""}, {"avenant", orig}, {"elsewhere", "075202401NC0007"},
	} {
		content := exampleJSON(t)
		if tc.numero != "" {
			content = avenantJSON(t, strings.ToLower(tc.numero), true)
		}
		ids[tc.name] = uuid.NewString()
		if _, st, e := f.transmit(ent, ids[tc.name], content); e != nil {
			t.Fatalf("transmit %s: %d %+v", tc.name, st, e)
		}
	}
	var q opcoapi.Queue
	if st, e := f.call(agent, "GET", opcoapi.Prefix+"/queue", nil, &q); e != nil {
		t.Fatalf("queue: %d %+v", st, e)
	}
	byID := map[string]opcoapi.Contract{}
	for _, c := range q.Contracts {
		byID[c.ID] = c
	}
	for _, tc := range []struct {
		name string
		want *opcoapi.Avenant
	}{
		{"contract", nil},
		{"avenant", &opcoapi.Avenant{Of: orig, Type: 36}},
		{"elsewhere", &opcoapi.Avenant{Of: "075202401NC0007", Type: 36}},
	} {
		c, ok := byID[ids[tc.name]]
		switch {
		case !ok:
			t.Errorf("%s: not in the queue", tc.name)
		case (c.Avenant == nil) != (tc.want == nil), c.Avenant != nil && *c.Avenant != *tc.want:
			t.Errorf("%s: queue row says avenant %+v, want %+v", tc.name, c.Avenant, tc.want)
		}
		var got opcoapi.Contract
		if st, e := f.call(agent, "GET", opcoapi.ContractPath(ids[tc.name]), nil, &got); e != nil {
			t.Fatalf("GET %s: %d %+v", tc.name, st, e)
		}
		switch tc.name {
		case "avenant":
			if got.Avenant == nil || got.Avenant.ContractID != engaged.Contract.ID || got.Avenant.ContractReference != engaged.Contract.Reference {
				t.Errorf("the avenant's review does not name its contract %s: %+v", engaged.Contract.Reference, got.Avenant)
			}
		case "elsewhere":
			if got.Avenant == nil || got.Avenant.ContractID != "" {
				t.Errorf("an avenant of a contract engaged elsewhere names a contract: %+v", got.Avenant)
			}
		}
	}
	// Engaged, the avenant shares the n° de dépôt and has its number.
	var dec opcoapi.PushResponse
	av := byID[ids["avenant"]]
	if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(av.ID, "decision"), opcoapi.DecisionRequest{
		MessageID: uuid.NewString(), Version: av.Version, Action: opcoapi.DecisionConforme}, &dec); e != nil {
		t.Fatalf("decision: %d %+v", st, e)
	}
	if a := dec.Contract.Avenant; dec.Contract.NumeroDepot != orig || a == nil || a.Numero != 1 || a.Of != orig {
		t.Errorf("engaged avenant: n° de dépôt %s, %+v; want %s avenant n° 1", dec.Contract.NumeroDepot, a, orig)
	}
}
