// Package referentiel gives offline access to the public reference data that the validation
// rules check a contract against: La Poste postcodes with their communes, départements and
// régions of the COG, IDCC codes of the conventions collectives with their legal state, and
// the NAF rév. 2 and NAF 2025 nomenclatures.
//
// The data is embedded in the binary (package assets/referentiels, with its sources and
// licences) and loaded on first use. A user can replace any file without a new release by
// placing a file of the same name and format in a folder passed to Load; a file that fails
// the checks is refused with a warning and the embedded copy stays in use.
//
// A Set is read-only once loaded and safe for concurrent use.
//
// Representation: each file is decompressed once into one buffer that is never copied
// again; the tables hold substrings of it. Postcodes are a map from the postcode as a
// number to a span of one []Commune (one entry per postcode and INSEE code), and each
// commune's folded names (see Fold) sit in one flat []string, so that CommuneMatches folds
// the typed name into a stack buffer and compares without allocating. communes.tsv is only
// read to complete that index (official names, départements, régions) and is then freed.
// IDCC codes index a [10000]uint16 array; NAF codes a map keyed by the code as a number.
// The search indexes of IDCC and NAF labels are built on the first search.
package referentiel

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"unsafe"

	"cerfadesk/assets/referentiels"
)

// Set holds all the referentials.
type Set struct {
	pc    *postcodes
	deps  *departements
	regs  *regions
	idcc  *idccTable
	naf2  *nafTable
	naf25 *nafTable
	info  []Info
}

// Info describes one referential, for `cerfadesk referentiels`.
type Info struct {
	File       string // file name, "codes_postaux.tsv"
	Name       string // what it is, in French: "Codes postaux"
	Vintage    string // millésime of the data, in French
	Rows       int    // data rows of the file in use
	Source     string // "intégré", or "remplacé : <path>"
	Path       string // the replacing file, empty when the embedded copy is in use
	Provenance string // origin and licence (the attribution the licence asks for)
}

// Warning is a replacing file that was refused.
type Warning struct {
	File    string // referential, "idcc.tsv"
	Path    string // the refused file
	Message string // for the user, in French
	Err     error  // the cause
}

func (w Warning) String() string { return w.Message }

// The referential files, in the order Info lists them.
const (
	fCodesPostaux = iota
	fCommunes
	fDepartements
	fRegions
	fIDCC
	fNAFRev2
	fNAF2025
	nFiles
)

var specs = [nFiles]Info{
	fCodesPostaux: {
		File: "codes_postaux.tsv", Name: "Codes postaux",
		Vintage:    "La Poste, fichier publié en 2025",
		Provenance: "Source : La Poste, base officielle des codes postaux (Licence Ouverte 2.0)",
	},
	fCommunes: {
		File: "communes.tsv", Name: "Communes",
		Vintage:    "COG 2026 (situation au 1er janvier 2026)",
		Provenance: "INSEE, Code officiel géographique, via @etalab/decoupage-administratif 6.0.0 (Licence Ouverte)",
	},
	fDepartements: {
		File: "departements.tsv", Name: "Départements",
		Vintage:    "COG 2026 (situation au 1er janvier 2026)",
		Provenance: "INSEE, Code officiel géographique, via @etalab/decoupage-administratif 6.0.0 (Licence Ouverte)",
	},
	fRegions: {
		File: "regions.tsv", Name: "Régions",
		Vintage:    "COG 2026 (situation au 1er janvier 2026)",
		Provenance: "INSEE, Code officiel géographique, via @etalab/decoupage-administratif 6.0.0 (Licence Ouverte)",
	},
	fIDCC: {
		File: "idcc.tsv", Name: "Conventions collectives (IDCC)",
		Vintage:    "liste de 2026 (mars 2026) ; état de 2024 pour les codes absents de cette liste",
		Provenance: "ministère du Travail (liste des IDCC) et DILA (KALI), via Mission apprentissage et l'Annuaire des Entreprises (Licence Ouverte 2.0)",
	},
	fNAFRev2: {
		File: "naf_rev2.tsv", Name: "NAF rév. 2",
		Vintage:    "NAF rév. 2 (2008), en usage jusqu'à fin 2026",
		Provenance: "INSEE, via @socialgouv/codes-naf 1.1.1 (Licence Ouverte)",
	},
	fNAF2025: {
		File: "naf_2025.tsv", Name: "NAF 2025",
		Vintage:    "NAF 2025, structure INSEE du 4 octobre 2024 (SIRENE à partir du 1er janvier 2027)",
		Provenance: "INSEE, via l'Annuaire des Entreprises (Licence Ouverte)",
	},
}

// Info describes each referential in use: vintage, row count, embedded or replaced.
func (s *Set) Info() []Info {
	return append([]Info(nil), s.info...)
}

var defaultSet = sync.OnceValue(func() *Set {
	s, err := loadEmbedded()
	if err != nil {
		// The embedded files are checked by the tests: this is a broken build.
		panic(fmt.Sprintf("referentiel: embedded data: %v", err))
	}
	return s
})

// Default returns the embedded referentials, loaded on the first call and shared by the
// whole process. The load decompresses and indexes the files on two goroutines: about 50 ms
// of CPU in all, 20–30 ms of wall time on two idle cores.
func Default() *Set {
	return defaultSet()
}

// loadEmbedded reads every embedded file, the two large ones in parallel.
func loadEmbedded() (*Set, error) {
	s := &Set{info: append([]Info(nil), specs[:]...)}
	for i := range s.info {
		s.info[i].Source = "intégré"
	}
	var (
		wg           sync.WaitGroup
		pc           *postcodes
		com          *communes
		errPC, errCo error
	)
	wg.Go(func() { pc, errPC = parseEmbedded(fCodesPostaux, parsePostcodes) })
	wg.Go(func() { com, errCo = parseEmbedded(fCommunes, parseCommunes) })
	var errs [nFiles]error
	s.deps, errs[fDepartements] = parseEmbedded(fDepartements, parseDepartements)
	s.regs, errs[fRegions] = parseEmbedded(fRegions, parseRegions)
	s.idcc, errs[fIDCC] = parseEmbedded(fIDCC, parseIDCC)
	s.naf2, errs[fNAFRev2] = parseEmbedded(fNAFRev2, parseNAFRev2)
	s.naf25, errs[fNAF2025] = parseEmbedded(fNAF2025, parseNAF2025)
	wg.Wait()
	errs[fCodesPostaux], errs[fCommunes] = errPC, errCo
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", specs[i].File, err)
		}
	}
	pc.join(com, s.deps)
	s.pc = pc
	s.setRows(com)
	return s, nil
}

func (s *Set) setRows(com *communes) {
	for i, t := range [nFiles]table{
		fCodesPostaux: s.pc, fCommunes: com, fDepartements: s.deps, fRegions: s.regs,
		fIDCC: s.idcc, fNAFRev2: s.naf2, fNAF2025: s.naf25,
	} {
		s.info[i].Rows = t.rowCount()
	}
}

func parseEmbedded[T any](file int, parse func(string) (T, error)) (T, error) {
	data, err := embedded(file)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(data)
}

// embedded returns the text of an embedded file. The text is never copied again: the
// loaders keep substrings of it.
func embedded(file int) (string, error) {
	f, err := referentiels.FS.Open(specs[file].File + ".gz")
	if err != nil {
		return "", err
	}
	defer f.Close()
	// The gzip trailer holds the size of the data, so one exact allocation is enough.
	// embed's files read from the binary without a copy, and can be read at an offset.
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	var size [4]byte
	if _, err := f.(io.ReaderAt).ReadAt(size[:], st.Size()-4); err != nil {
		return "", fmt.Errorf("gzip trailer: %w", err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	data := make([]byte, binary.LittleEndian.Uint32(size[:]))
	if _, err := io.ReadFull(zr, data); err != nil {
		return "", err
	}
	if n, err := zr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return "", errors.New("gzip data longer than its trailer says")
	}
	if len(data) == 0 {
		return "", nil
	}
	// data is not written after this point, so it can back a string without a copy.
	return unsafe.String(&data[0], len(data)), nil
}
