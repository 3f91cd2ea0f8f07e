package rules

// Referential answers checks that need data the Cerfa does not carry
// (SIRENE, RNCP, IDCC, NAF, postcodes). Every method returns known=false
// when it has no opinion, and the rule then reports nothing.
type Referential interface {
	// Postcode says whether a French postcode exists and whether commune
	// matches one of its communes; expected lists the valid names.
	Postcode(cp, commune string) (exists, matches bool, expected []string, known bool)
	// DeptRegion derives the département and région of a postcode.
	DeptRegion(cp string) (dept, region string, known bool)
	// IDCC says whether a convention is known and in force, and what replaced it.
	IDCC(code string) (exists, inForce bool, replacedBy string, known bool)
	// NAF says whether a code exists in NAF rév. 2, or only in NAF 2025.
	NAF(code string) (inRev2, in2025 bool, known bool)
	// SIRET says whether an establishment exists and is active.
	SIRET(siret string) (exists, active bool, known bool)
	// RNCP says whether a certification exists and is active.
	RNCP(code string) (exists, active bool, known bool)
}

// Offline is the default referential: it knows nothing and reports nothing.
type Offline struct{}

func (Offline) Postcode(string, string) (bool, bool, []string, bool) { return false, false, nil, false }
func (Offline) DeptRegion(string) (string, string, bool)             { return "", "", false }
func (Offline) IDCC(string) (bool, bool, string, bool)               { return false, false, "", false }
func (Offline) NAF(string) (bool, bool, bool)                        { return false, false, false }
func (Offline) SIRET(string) (bool, bool, bool)                      { return false, false, false }
func (Offline) RNCP(string) (bool, bool, bool)                       { return false, false, false }
