package workflow

// Role is who acts (workflow.md, Roles).
type Role string

// The roles.
const (
	Entreprise Role = "entreprise"
	CFA        Role = "cfa"
	Agent      Role = "agent"
)

// Roles lists every role.
var Roles = []Role{Entreprise, CFA, Agent}

// Label returns the French name of the role.
func (r Role) Label() string {
	switch r {
	case Entreprise:
		return "Entreprise"
	case CFA:
		return "Organisme de formation / CFA"
	case Agent:
		return "Agent OPCO"
	}
	return string(r)
}

// Actor is who performs an action: a role and the person's name or e-mail,
// recorded in the history.
type Actor struct {
	Role Role
	Name string
}
