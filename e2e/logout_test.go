package e2e

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
)

// « Se déconnecter » on one instance: the token is refused by every other
// instance at once, though each had checked (and remembered) the session
// a moment before. Both directions, several times: no luck in timing.
func TestLogoutRefusedOnEveryInstance(t *testing.T) {
	srv := startInstances(t, serverOptions{sync: "normal", quiet: true}, entrepriseAcct)
	ctx := context.Background()
	for i := 0; i < 10; i++ {
		from, other := srv.insts[i%2], srv.insts[(i+1)%2]
		c := clientOn(t, from, entrepriseAcct)
		token := c.Token()
		onOther := sync.NewClient(other.url)
		onOther.SetToken(token)
		for k := 0; k < 3; k++ { // checked, then answered from the instance's memory
			if me, err := onOther.Me(ctx); err != nil || me.Login != entrepriseAcct.login {
				t.Fatalf("round %d: the session on the other instance: %+v %v", i, me, err)
			}
		}
		if err := c.Logout(ctx); err != nil {
			t.Fatalf("round %d: logout: %v", i, err)
		}
		_, err := onOther.Me(ctx)
		if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeUnauthorized {
			t.Fatalf("round %d: right after the logout on %s, %s answers %v, want unauthorized", i, from.url, other.url, err)
		}
		again := sync.NewClient(from.url)
		again.SetToken(token)
		if _, err := again.Me(ctx); apiErr(err) == nil || apiErr(err).Code != opcoapi.CodeUnauthorized {
			t.Fatalf("round %d: the instance that logged out accepts the token: %v", i, err)
		}
	}
}

// A logout costs the other sessions nothing: the other instance forgets
// the closed session only, and keeps answering the others from memory
// (here, sessions deleted behind the service's back are still served from
// it for the cache's 30 s: they were not asked for again).
func TestLogoutForgetsOnlyThatSession(t *testing.T) {
	srv := startInstances(t, serverOptions{sync: "normal", quiet: true}, entrepriseAcct)
	ctx := context.Background()
	a, b := srv.insts[0], srv.insts[1]
	leaving, staying := clientOn(t, a, entrepriseAcct), clientOn(t, a, entrepriseAcct)
	onB := map[string]*sync.Client{}
	for name, c := range map[string]*sync.Client{"leaving": leaving, "staying": staying} {
		onB[name] = sync.NewClient(b.url)
		onB[name].SetToken(c.Token())
		for k := 0; k < 2; k++ {
			if _, err := onB[name].Me(ctx); err != nil {
				t.Fatalf("%s on B: %v", name, err)
			}
		}
	}
	conn, err := pgx.Connect(ctx, srv.db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := leaving.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `DELETE FROM sessions`); err != nil {
		t.Fatal(err)
	}
	if _, err := onB["leaving"].Me(ctx); apiErr(err) == nil || apiErr(err).Code != opcoapi.CodeUnauthorized {
		t.Errorf("the closed session on B: %v, want unauthorized", err)
	}
	if me, err := onB["staying"].Me(ctx); err != nil || me.Login != entrepriseAcct.login {
		t.Errorf("the other session on B after a logout: %+v %v, want it answered from memory", me, err)
	}
}
