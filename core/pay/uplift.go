package pay

// ProUplift tells whether the highest diploma held (apprenti.diplome, pro
// numbering L-PRO-5) gives the "at least bac pro level" rates of a pro
// contract (professionnalisation.md §2.7). known is false when the answer
// cannot be decided: code 49 (other bac-level title) without finalitePro, or
// a code outside the list; the caller then applies the base rate and warns.
func ProUplift(diplome int, finalitePro *bool) (uplift bool, known bool) {
	switch diplome {
	case 10, 11, 12, 19, 21, 22, 23, 24, 29, 31, 32, 39, // higher education
		41, // bac professionnel
		43: // bac technologique: sources diverge, the higher minimum is taken
		return true, true
	case 42, 51, 52, 53, 59, 60: // bac général, below bac level
		return false, true
	case 49:
		if finalitePro == nil {
			return false, false
		}
		return *finalitePro, true
	}
	return false, false
}
