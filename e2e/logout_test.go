package e2e

import (
	"context"
	"testing"

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
