package workflow

import (
	"errors"
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/rules"
)

// grid is workflow.md's transition table written out for every status (in
// the order of Statuses) and role (entreprise, cfa, agent). A cell is the
// letter of the target status, '=' for "unchanged", 'A' for "creates an
// avenant", 'F' for forbidden, 'I' for invalid_transition.
// Status letters: s en_cours_de_saisie, e envoye_par_cfa, t transmis,
// i en_instruction, p anomalie_piece, m anomalie_saisie, g engage,
// r refuse, a annule.
var grid = map[Action]string{
	//                        s   e   t   i   p   m   g   r   a
	Enregistrer:              "==F IIF IIF IIF IIF IIF IIF IIF IIF",
	EnvoyerEntreprise:        "FeF FIF FIF FIF FIF FIF FIF FIF FIF",
	Accepter:                 "IFF sFF IFF IFF IFF IFF IFF IFF IFF",
	CreerDemandeModification: "IFF IFF IFF IFF IFF sFF AFF IFF IFF",
	Transmettre:              "tFF IFF IFF IFF IFF IFF IFF IFF IFF",
	OuvrirInstruction:        "FFI FFI FFi FFI FFI FFI FFI FFI FFI",
	DeclarerConforme:         "FFI FFI FFg FFg FFI FFI FFI FFI FFI",
	DeclarerAnomaliePiece:    "FFI FFI FFp FFp FFI FFI FFI FFI FFI",
	DeclarerAnomalieSaisie:   "FFI FFI FFm FFm FFI FFI FFI FFI FFI",
	AjouterDocument:          "==F F=F IIF IIF iFF IIF IIF IIF IIF",
	Refuser:                  "FFI FFI FFr FFr FFI FFI FFI FFI FFI",
	Annuler:                  "aaF IIF aFF IIF IIF IIF IIF IIF IIF",
	NouveauContrat:           "IIF IIF IIF IIF IIF IIF IIF IIF IIF",
}

var letters = map[byte]Status{'s': EnCoursDeSaisie, 'e': EnvoyeParCFA, 't': Transmis, 'i': EnInstruction,
	'p': AnomaliePiece, 'm': AnomalieSaisie, 'g': Engage, 'r': Refuse, 'a': Annule}

func TestApplyEveryStatusRoleAction(t *testing.T) {
	valid := rules.Result{}
	ctx := Context{Validation: &valid, EmployerEmail: "rh@example.fr", Today: civil.MustParse("2026-11-26")}
	if len(grid) != len(Actions) {
		t.Fatalf("grid covers %d actions, want %d", len(grid), len(Actions))
	}
	for _, action := range Actions {
		cells := strings.Fields(grid[action])
		if len(cells) != len(Statuses) {
			t.Fatalf("%s: %d cells, want %d", action, len(cells), len(Statuses))
		}
		for si, status := range Statuses {
			for ri, role := range Roles {
				cell := cells[si][ri]
				name := string(action) + "/" + string(status) + "/" + string(role)
				t.Run(name, func(t *testing.T) {
					tr, err := Apply(status, role, action, ctx)
					checkCell(t, cell, status, tr, err)
				})
			}
		}
	}
}

func TestApplyNouveauContrat(t *testing.T) {
	tests := []struct {
		name string
		role Role
		want string
	}{
		{"entreprise creates", Entreprise, "s"},
		{"cfa creates", CFA, "s"},
		{"agent never creates", Agent, "F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Apply("", tt.role, NouveauContrat, Context{})
			checkCell(t, tt.want[0], "", tr, err)
		})
	}
}

func checkCell(t *testing.T, cell byte, from Status, tr Transition, err error) {
	t.Helper()
	switch cell {
	case 'F', 'I':
		want := CodeForbidden
		if cell == 'I' {
			want = CodeInvalidTransition
		}
		var we *Error
		if !errors.As(err, &we) || we.Code != want {
			t.Fatalf("got (%+v, %v), want error %s", tr, err, want)
		}
		if we.Message == "" {
			t.Errorf("error %s has no French message", want)
		}
	case '=':
		if err != nil || tr.To != from {
			t.Fatalf("got (%+v, %v), want status unchanged", tr, err)
		}
	case 'A':
		if err != nil || !tr.Avenant || tr.To != from {
			t.Fatalf("got (%+v, %v), want an avenant and the original unchanged", tr, err)
		}
	default:
		want := letters[cell]
		if err != nil || tr.To != want {
			t.Fatalf("got (%+v, %v), want → %s", tr, err, want)
		}
	}
}

func TestApplyOutboxFlags(t *testing.T) {
	valid := rules.Result{}
	base := Context{Validation: &valid, EmployerEmail: "rh@example.fr"}
	tests := []struct {
		name   string
		from   Status
		role   Role
		action Action
		ctx    Context
		outbox bool
		corr   bool
	}{
		{"Enregistrer stays local", EnCoursDeSaisie, Entreprise, Enregistrer, base, false, false},
		{"Transmettre reaches the OPCO", EnCoursDeSaisie, Entreprise, Transmettre, base, true, false},
		{"Transmettre of a correction is flagged", EnCoursDeSaisie, Entreprise, Transmettre, withCorrection(base), true, true},
		{"Envoyer à l'entreprise goes through the service", EnCoursDeSaisie, CFA, EnvoyerEntreprise, base, true, false},
		{"ACCEPTER sends nothing", EnvoyeParCFA, Entreprise, Accepter, base, false, false},
		{"demande de modification reopens, flagged, sends nothing", AnomalieSaisie, Entreprise, CreerDemandeModification, base, false, true},
		{"a piece added while editing stays local", EnCoursDeSaisie, Entreprise, AjouterDocument, base, false, false},
		{"a piece added on anomalie pièce is sent", AnomaliePiece, Entreprise, AjouterDocument, base, true, false},
		{"agent decision is sent", EnInstruction, Agent, DeclarerConforme, base, true, false},
		{"Annuler a draft stays local", EnCoursDeSaisie, Entreprise, Annuler, base, false, false},
		{"Annuler a reopened correction is sent", EnCoursDeSaisie, Entreprise, Annuler, withCorrection(base), true, false},
		{"Annuler a transmitted contract is sent", Transmis, Entreprise, Annuler, base, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Apply(tt.from, tt.role, tt.action, tt.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tr.Outbox != tt.outbox || tr.Correction != tt.corr {
				t.Errorf("outbox=%v correction=%v, want %v %v", tr.Outbox, tr.Correction, tt.outbox, tt.corr)
			}
		})
	}
}

func withCorrection(c Context) Context { c.Correction = true; return c }

func TestApplyTransmettre(t *testing.T) {
	invalid := rules.Result{Findings: []rules.Finding{
		{Tab: rules.TabDocuments, Field: "documents", Rule: "DOC-CONVENTION", Severity: rules.Error, Message: "x"},
		{Tab: rules.TabSalarie, Field: "apprenti.nir", Rule: "SAL-NIR-KEY", Severity: rules.Error, Message: "x"},
		{Tab: rules.TabContrat, Field: "contrat.x", Rule: "W", Severity: rules.Warning, Message: "x"},
	}}
	warnOnly := rules.Result{Findings: []rules.Finding{{Tab: rules.TabContrat, Severity: rules.Warning}}}
	d := civil.MustParse
	tests := []struct {
		name      string
		ctx       Context
		code      Code
		tabs      string
		horsDelai bool
	}{
		{"blocking findings refuse with the red tabs in form order", Context{Validation: &invalid}, CodeNotValid, "Salarié,Documents", false},
		{"no validation counts as not valid", Context{}, CodeNotValid, "", false},
		{"warnings do not block", Context{Validation: &warnOnly, Today: d("2025-09-05"), Deadline: d("2025-09-06")}, "", "", false},
		{"on the deadline is in time", Context{Validation: &warnOnly, Today: d("2025-09-06"), Deadline: d("2025-09-06")}, "", "", false},
		{"the day after is hors délai, still transmitted", Context{Validation: &warnOnly, Today: d("2025-09-08"), Deadline: d("2025-09-06")}, "", "", true},
		{"no deadline known: not late", Context{Validation: &warnOnly, Today: d("2025-09-08")}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Apply(EnCoursDeSaisie, Entreprise, Transmettre, tt.ctx)
			if tt.code != "" {
				var we *Error
				if !errors.As(err, &we) || we.Code != tt.code {
					t.Fatalf("err = %v, want %s", err, tt.code)
				}
				if we.Message != "Le Cerfa n'a pas pu être validé" {
					t.Errorf("message %q", we.Message)
				}
				if got := strings.Join(we.Tabs, ","); got != tt.tabs {
					t.Errorf("tabs %q, want %q", got, tt.tabs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr.To != Transmis || tr.HorsDelai != tt.horsDelai || tr.Deadline != tt.ctx.Deadline {
				t.Errorf("got %+v, want transmis hors délai=%v", tr, tt.horsDelai)
			}
		})
	}
}

func TestApplyAnnulerTransmis(t *testing.T) {
	d := civil.MustParse
	tests := []struct {
		name  string
		today civil.Date
		start civil.Date
		code  Code
	}{
		{"before the start date", d("2026-08-31"), d("2026-09-01"), ""},
		{"on the start date", d("2026-09-01"), d("2026-09-01"), CodeStarted},
		{"after the start date", d("2026-11-26"), d("2026-09-01"), CodeStarted},
		{"no start date", d("2026-11-26"), civil.Date{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Apply(Transmis, Entreprise, Annuler, Context{Today: tt.today, StartDate: tt.start})
			if got := Code(ErrorCode(err)); got != tt.code {
				t.Fatalf("code %q, want %q (%v)", got, tt.code, err)
			}
			if err == nil && tr.To != Annule {
				t.Errorf("to %s", tr.To)
			}
		})
	}
}

func TestApplyEnvoyerEntrepriseNeedsEmail(t *testing.T) {
	_, err := Apply(EnCoursDeSaisie, CFA, EnvoyerEntreprise, Context{EmployerEmail: "  "})
	if !errors.Is(err, ErrMissingEmail) {
		t.Fatalf("err = %v, want missing_email", err)
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		status Status
		role   Role
		want   string
	}{
		{EnCoursDeSaisie, Entreprise, "enregistrer transmettre ajouter_document annuler"},
		{EnCoursDeSaisie, CFA, "enregistrer envoyer_entreprise ajouter_document annuler"},
		{EnvoyeParCFA, Entreprise, "accepter"},
		{Transmis, Agent, "ouvrir_instruction declarer_conforme anomalie_piece anomalie_saisie refuser"},
		{AnomaliePiece, Entreprise, "ajouter_document"},
		{Engage, Entreprise, "creer_demande_modification"},
		{Refuse, Entreprise, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.status)+"/"+string(tt.role), func(t *testing.T) {
			var got []string
			for _, a := range Allowed(tt.status, tt.role) {
				got = append(got, string(a))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}
