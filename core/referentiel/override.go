package referentiel

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// minShare is the least share of the embedded file's rows that a replacing file must have:
// a shorter file is taken for a truncated download or a wrong extract and refused.
const minShare = 0.5

// Load returns the embedded referentials with the files found in dir replacing the embedded
// ones (same name and format as in assets/referentiels: codes_postaux.tsv, communes.tsv…).
// dir may be empty or not exist; then, and when it holds none of these files, Load returns
// Default(). Every replacing file is checked (header, number of columns, each row's codes,
// duplicates, and at least half as many rows as the embedded file); a file that fails is
// refused, the embedded copy stays in use, and a Warning says why, in French.
//
// Tables that no file replaces are shared with Default(). Load reads the files on every
// call: the application calls it once at start-up and keeps the Set.
func Load(dir string) (*Set, []Warning) {
	base := Default()
	if dir == "" {
		return base, nil
	}
	o := &overrider{base: base}
	some := false
	for i := range nFiles {
		path := filepath.Join(dir, specs[i].File)
		f, err := readLocal(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			o.refuse(i, path, err)
		default:
			o.found[i], some = f, true
		}
	}
	if !some {
		return base, o.warns
	}

	s := *base
	s.info = append([]Info(nil), base.info...)
	o.s = &s
	if t, ok := replace(o, fDepartements, parseDepartements); ok {
		s.deps = t
	}
	if t, ok := replace(o, fRegions, parseRegions); ok {
		s.regs = t
	}
	if t, ok := replace(o, fIDCC, parseIDCC); ok {
		s.idcc = t
	}
	if t, ok := replace(o, fNAFRev2, parseNAFRev2); ok {
		s.naf2 = t
	}
	if t, ok := replace(o, fNAF2025, parseNAF2025); ok {
		s.naf25 = t
	}
	pc, newPC := replace(o, fCodesPostaux, parsePostcodes)
	com, newCom := replace(o, fCommunes, parseCommunes)
	if newPC || newCom || s.deps != base.deps {
		// The postcode index joins three files: rebuild it, with the embedded copy of
		// those not replaced.
		var err error
		if !newPC {
			pc, err = parseEmbedded(fCodesPostaux, parsePostcodes)
		}
		if err == nil && !newCom {
			com, err = parseEmbedded(fCommunes, parseCommunes)
		}
		if err != nil {
			panic(fmt.Sprintf("referentiel: embedded data: %v", err)) // as in defaultSet
		}
		pc.join(com, s.deps)
		s.pc = pc
	}
	return &s, o.warns
}

// overrider collects the replacing files of one Load and what became of them.
type overrider struct {
	base, s *Set
	found   [nFiles]*localFile
	warns   []Warning
}

func (o *overrider) refuse(file int, path string, err error) {
	o.warns = append(o.warns, Warning{
		File: specs[file].File,
		Path: path,
		Message: fmt.Sprintf("Le fichier %s est refusé : %v. La version intégrée (%s) reste utilisée.",
			path, err, specs[file].Vintage),
		Err: err,
	})
}

// table is a parsed referential file.
type table interface{ rowCount() int }

func (t *departements) rowCount() int { return t.rows }
func (t *regions) rowCount() int      { return t.rows }
func (t *communes) rowCount() int     { return t.rows }
func (t *idccTable) rowCount() int    { return len(t.list) }
func (t *nafTable) rowCount() int     { return len(t.list) }

// replace parses the replacing file of a referential, if there is one, and reports whether
// it was accepted; if so, it records it in the Set's Info.
func replace[T table](o *overrider, file int, parse func(string) (T, error)) (T, bool) {
	var zero T
	f := o.found[file]
	if f == nil {
		return zero, false
	}
	t, err := parse(f.data)
	if embedded := o.base.info[file].Rows; err == nil && float64(t.rowCount()) < minShare*float64(embedded) {
		err = fmt.Errorf("%d lignes seulement, contre %d dans la version intégrée (fichier tronqué ?)",
			t.rowCount(), embedded)
	}
	if err != nil {
		o.refuse(file, f.path, err)
		return zero, false
	}
	in := &o.s.info[file]
	in.Rows = t.rowCount()
	in.Source = "remplacé : " + f.path
	in.Path = f.path
	in.Vintage = "fichier local du " + f.modified
	in.Provenance = "fichier placé par l'utilisateur"
	return t, true
}

// localFile is a replacing file read from disk.
type localFile struct {
	path, data string
	modified   string // date of last change, JJ/MM/AAAA
}

// maxLocalSize bounds a replacing file: ten times the largest embedded file.
const maxLocalSize = 20 << 20

func readLocal(path string) (*localFile, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("ce n'est pas un fichier")
	}
	if st.Size() > maxLocalSize {
		return nil, fmt.Errorf("fichier de %d Mo, trop gros pour un référentiel", st.Size()>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lecture impossible : %w", err)
	}
	return &localFile{path: path, data: string(b), modified: st.ModTime().Format("02/01/2006")}, nil
}
