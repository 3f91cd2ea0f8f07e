package workflow

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

func TestIdentityKey(t *testing.T) {
	base := func() *contract.Contract {
		c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
		c.Apprenti.Nom, c.Apprenti.Prenom = "Lefèvre", "Élodie"
		c.Apprenti.DateNaissance = civil.New(2006, 3, 14)
		c.Employeur.Siret = "83475962300012"
		c.Contrat.DateDebutContrat = civil.New(2025, 9, 1)
		return c
	}
	ref := IdentityKey(base())
	if ref == "" {
		t.Fatal("no key for a named apprentice")
	}
	tests := []struct {
		name string
		edit func(c *contract.Contract)
		same bool
	}{
		{"identical", func(c *contract.Contract) {}, true},
		{"accents and case", func(c *contract.Contract) { c.Apprenti.Nom, c.Apprenti.Prenom = "LEFEVRE", "elodie" }, true},
		{"spaces and punctuation", func(c *contract.Contract) { c.Apprenti.Nom = "  Le-Fè vre " }, true},
		{"SIRET with spaces", func(c *contract.Contract) { c.Employeur.Siret = "834 759 623 00012" }, true},
		{"other fields differ", func(c *contract.Contract) { c.Apprenti.Courriel = "x@example.fr"; c.Employeur.Denomination = "Autre" }, true},
		{"other first name", func(c *contract.Contract) { c.Apprenti.Prenom = "Éloïse" }, false},
		{"other birth date", func(c *contract.Contract) { c.Apprenti.DateNaissance = civil.New(2006, 3, 15) }, false},
		{"other employer", func(c *contract.Contract) { c.Employeur.Siret = "44306184100047" }, false},
		{"other start", func(c *contract.Contract) { c.Contrat.DateDebutContrat = civil.New(2025, 9, 2) }, false},
		{"other kind", func(c *contract.Contract) { c.TypeFormulaire = contract.Professionnalisation }, false},
		{"a NIR given: the name no longer counts", func(c *contract.Contract) { c.Apprenti.Nir = "2060375056123" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.edit(c)
			if got := IdentityKey(c) == ref; got != tt.same {
				t.Errorf("same = %v, want %v (%q vs %q)", got, tt.same, IdentityKey(c), ref)
			}
		})
	}

	// With a NIR, two spellings of the name are the same person.
	a, b := base(), base()
	a.Apprenti.Nir, b.Apprenti.Nir = "2 06 03 75 056 123", "2060375056123"
	b.Apprenti.Nom = "LEFEBVRE"
	if IdentityKey(a) != IdentityKey(b) {
		t.Errorf("same NIR, other spelling: %q vs %q", IdentityKey(a), IdentityKey(b))
	}
	// No apprentice: never a duplicate.
	empty := base()
	empty.Apprenti = contract.Alternant{}
	if k := IdentityKey(empty); k != "" {
		t.Errorf("key without apprentice %q", k)
	}
	if foldIdentity("Œuvre d'Ærø") != "OEUVREDAERO" {
		t.Errorf("fold %q", foldIdentity("Œuvre d'Ærø"))
	}
}

func TestIdentityMatches(t *testing.T) {
	base := func() *contract.Contract {
		c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
		c.Apprenti.Nom, c.Apprenti.Prenom = "Lefèvre", "Élodie"
		c.Apprenti.DateNaissance = civil.New(2006, 3, 14)
		c.Employeur.Siret = "83475962300012"
		c.Contrat.DateDebutContrat = civil.New(2025, 9, 1)
		return c
	}
	const nir, otherNir = "2060375056123", "2060375056999"
	tests := []struct {
		name        string
		edit, edit2 func(c *contract.Contract)
		same        bool
	}{
		{"no NIR on either side, same name", func(c *contract.Contract) {}, func(c *contract.Contract) { c.Apprenti.Nom = "LEFEVRE" }, true},
		{"NIR on one side only", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) {}, true},
		{"NIR on the other side only", func(c *contract.Contract) {}, func(c *contract.Contract) { c.Apprenti.Nir = nir }, true},
		{"same NIR, name misspelt", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.Nir, c.Apprenti.Nom = nir, "Lefebvre" }, true},
		{"same NIR, no name on one side", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.Nir, c.Apprenti.Nom = nir, "" }, true},
		{"two NIRs, same name and birth date: two people", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.Nir = otherNir }, false},
		{"NIR on one side, other first name", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.Prenom = "Éloïse" }, false},
		{"NIR on one side, other birth date", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.DateNaissance = civil.New(2006, 3, 15) }, false},
		{"NIR on one side, other employer", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Employeur.Siret = "44306184100047" }, false},
		{"NIR on one side, other start", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Contrat.DateDebutContrat = civil.New(2025, 9, 2) }, false},
		{"NIR on one side, other kind", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.TypeFormulaire = contract.Professionnalisation }, false},
		{"same NIR, other start", func(c *contract.Contract) { c.Apprenti.Nir = nir }, func(c *contract.Contract) { c.Apprenti.Nir = nir; c.Contrat.DateDebutContrat = civil.New(2025, 9, 2) }, false},
		{"no apprentice on either side", func(c *contract.Contract) { c.Apprenti = contract.Alternant{} }, func(c *contract.Contract) { c.Apprenti = contract.Alternant{} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := base(), base()
			tt.edit(a)
			tt.edit2(b)
			ia, ib := Identify(a), Identify(b)
			if ia.Matches(ib) != tt.same || ib.Matches(ia) != tt.same {
				t.Errorf("Matches = %v/%v, want %v (%+v vs %+v)", ia.Matches(ib), ib.Matches(ia), tt.same, ia, ib)
			}
		})
	}
	// The key the store keeps is the NIR key when there is one.
	c := base()
	c.Apprenti.Nir = nir
	if id := Identify(c); id.Key() != id.NIR || id.Name != NameKeyOf(string(contract.Apprentissage), "LE FEVRE", "elodie", "2006-03-14", "834 759 623 00012", "2025-09-01") {
		t.Errorf("identity %+v, name key from stored values %q", id, NameKeyOf(string(contract.Apprentissage), "LE FEVRE", "elodie", "2006-03-14", "834 759 623 00012", "2025-09-01"))
	}
}
