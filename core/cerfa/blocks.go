package cerfa

import "cerfadesk/core/contract"

// A block accessor returns a block of the contract, allocating an absent
// optional block when alloc is set and returning nil otherwise.
type block[B any] func(c *contract.Contract, alloc bool) *B

// in returns the accessor of a value inside a block.
func in[B, T any](b block[B], f func(*B) *T) func(*contract.Contract, bool) *T {
	return func(c *contract.Contract, alloc bool) *T {
		if p := b(c, alloc); p != nil {
			return f(p)
		}
		return nil
	}
}

// opt is the accessor of an optional block held by pointer at *slot(c).
func opt[P, B any](parent block[P], slot func(*P) **B) block[B] {
	return func(c *contract.Contract, alloc bool) *B {
		p := parent(c, alloc)
		if p == nil {
			return nil
		}
		s := slot(p)
		if *s == nil {
			if !alloc {
				return nil
			}
			*s = new(B)
		}
		return *s
	}
}

func root(c *contract.Contract, _ bool) *contract.Contract { return c }

var (
	employeur = block[contract.Employeur](func(c *contract.Contract, _ bool) *contract.Employeur { return &c.Employeur })
	apprenti  = block[contract.Alternant](func(c *contract.Contract, _ bool) *contract.Alternant { return &c.Apprenti })
	contrat   = block[contract.Contrat](func(c *contract.Contract, _ bool) *contract.Contrat { return &c.Contrat })
	organisme = block[contract.Organisme](func(c *contract.Contract, _ bool) *contract.Organisme { return &c.OrganismeFormation })
	formation = block[contract.Formation](func(c *contract.Contract, _ bool) *contract.Formation { return &c.Formation })

	maitre1  = opt(root, func(c *contract.Contract) **contract.Maitre { return &c.Maitre1 })
	maitre2  = opt(root, func(c *contract.Contract) **contract.Maitre { return &c.Maitre2 })
	tuteur   = opt(root, func(c *contract.Contract) **contract.Tuteur { return &c.Tuteur })
	tuteurEU = opt(root, func(c *contract.Contract) **contract.Tuteur { return &c.TuteurEntrepriseUtilisatrice })
	etab     = opt(root, func(c *contract.Contract) **contract.EtablissementFormation { return &c.EtablissementFormation })
	etabAdr  = opt(etab, func(e *contract.EtablissementFormation) **contract.Adresse { return &e.Adresse })
	legal    = opt(apprenti, func(a *contract.Alternant) **contract.ResponsableLegal { return &a.ResponsableLegal })
	legalAdr = opt(legal, func(r *contract.ResponsableLegal) **contract.Adresse { return &r.Adresse })
)
