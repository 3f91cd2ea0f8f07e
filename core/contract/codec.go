package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cerfadesk/core/civil"
)

// Import error codes, stable for programs.
const (
	CodeSyntax     = "json_invalide"
	CodeUnknownKey = "cle_inconnue"
	CodeType       = "type_invalide"
	CodeDate       = "date_invalide"
	CodeNumber     = "nombre_invalide"
	CodeEncoding   = "encodage"
)

// MaxSize bounds a contract file read from outside (a command's argument,
// an import): a real contract takes a few kilobytes even with every text
// field at its longest, and reading anything bigger whole would only fill
// the memory. Decode itself does not refuse a bigger document, so that a
// contract already saved always reads back.
const MaxSize = 4 << 20

// ImportError says where and why a canonical JSON document was refused.
type ImportError struct {
	Path    string // dotted path in the canonical keys, "" for the whole document
	Code    string
	Message string // French, for people
	// Line and Column (1-based, in characters) place a syntax error in the
	// document; 0 when the error is not at one place.
	Line, Column int
}

func (e *ImportError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Decode reads one contract in the canonical JSON. An unknown key, a value of
// the wrong type or a malformed date is an *ImportError naming its path;
// nothing is silently dropped.
func Decode(data []byte) (*Contract, error) {
	// Windows Notepad starts a UTF-8 file with a byte order mark: it is
	// not part of the JSON.
	data = bytes.TrimPrefix(data, utf8BOM)
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, &ImportError{Code: CodeEncoding, Message: "document enregistré en UTF-16 : enregistrez-le en UTF-8"}
	}
	// One pass checks every key against the schema (exact case: encoding/json
	// would match keys case-insensitively and drop misplaced ones), then the
	// standard decoder fills the struct. Any refusal is re-read generically
	// to name the faulty path.
	if !keysKnown(data) {
		return nil, locate(data, errors.New("clé inconnue"))
	}
	var c Contract
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, locate(data, err)
	}
	return &c, nil
}

// Encode writes c in the canonical JSON, indented, keys in Cerfa order.
func Encode(c *Contract) ([]byte, error) {
	return json.MarshalIndent(c, "", "  ")
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// locate re-reads a refused document generically to name the faulty path;
// the fast decoder's errors do not carry it.
func locate(data []byte, cause error) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return syntaxError(data, err)
	}
	if ie := walk(v, reflect.TypeOf(Contract{}), ""); ie != nil {
		return ie
	}
	end := int(dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		for end < len(data) && isSpace(data[end]) {
			end++
		}
		return syntaxAt(data, end, "JSON invalide", "contenu en trop après la fin de l'objet")
	}
	var ute *json.UnmarshalTypeError
	if errors.As(cause, &ute) && ute.Field != "" {
		return &ImportError{Path: ute.Field, Code: CodeType, Message: "valeur d'un type inattendu"}
	}
	// The generic reading found nothing: a key spelt with \u escapes (the
	// key check reads keys as written), or a value out of range.
	return &ImportError{Code: CodeSyntax, Message: "document refusé : une clé est écrite avec des séquences \\u (écrivez-la en clair) ou une valeur est hors limites"}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// syntaxError turns the JSON decoder's error into a French message placed
// by line and column.
func syntaxError(data []byte, err error) *ImportError {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return &ImportError{Code: CodeSyntax, Message: "document vide : un objet JSON est attendu"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return syntaxAt(data, len(data), "JSON incomplet", "le document s'arrête avant la fin de l'objet")
	case errors.As(err, &se):
		off := min(max(int(se.Offset)-1, 0), len(data)) // the decoder read the offending byte
		r, _ := utf8.DecodeRune(data[off:])
		return syntaxAt(data, off, "JSON invalide", syntaxFR(se.Error(), r))
	}
	return &ImportError{Code: CodeSyntax, Message: "JSON invalide"}
}

// syntaxAt is a syntax error at byte off of data, with its line and column.
func syntaxAt(data []byte, off int, what, detail string) *ImportError {
	off = min(off, len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col := 1 + utf8.RuneCount(data[start:off])
	return &ImportError{Code: CodeSyntax, Line: line, Column: col,
		Message: fmt.Sprintf("%s, ligne %d, colonne %d : %s", what, line, col, detail)}
}

// syntaxContexts translates where encoding/json met an unexpected character.
var syntaxContexts = []struct{ en, fr string }{
	{"looking for beginning of value", "là où une valeur est attendue"},
	{"looking for beginning of object key string", "là où une clé entre guillemets est attendue"},
	{"after object key:value pair", "après une valeur (« , » ou « } » attendu)"},
	{"after object key", "après une clé (« : » attendu)"},
	{"after array element", "après un élément de liste (« , » ou « ] » attendu)"},
	{"after top-level value", "après la fin de l'objet JSON"},
	{"in string literal", "dans un texte (caractère de contrôle à échapper)"},
	{"in string escape code", "dans une séquence d'échappement"},
	{"in \\u hexadecimal character escape", "dans une séquence \\u"},
	{"numeric literal", "dans un nombre"},
	{"in literal", "dans true, false ou null"},
}

// syntaxFR says in French what encoding/json's syntax error message en
// says; r is the character at the error (encoding/json shows a byte, so
// an "é" would read "Ã").
func syntaxFR(en string, r rune) string {
	if en == "exceeded max depth" {
		return "imbrication trop profonde"
	}
	if !strings.HasPrefix(en, "invalid character ") {
		return "syntaxe incorrecte"
	}
	ch := string(r)
	if !unicode.IsPrint(r) || r == utf8.RuneError {
		ch = fmt.Sprintf("U+%04X", r)
	}
	msg := "caractère « " + ch + " » inattendu"
	for _, c := range syntaxContexts {
		if strings.Contains(en, c.en) {
			return msg + " " + c.fr
		}
	}
	return msg
}

var (
	dateType    = reflect.TypeOf(civil.Date{})
	moneyType   = reflect.TypeOf(Money(0))
	percentType = reflect.TypeOf(Percent(0))
)

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func walk(v any, t reflect.Type, path string) *ImportError {
	if v == nil {
		return nil // null is "empty" for every field
	}
	switch t {
	case dateType:
		s, ok := v.(string)
		if !ok {
			return &ImportError{Path: path, Code: CodeDate, Message: "date attendue au format AAAA-MM-JJ"}
		}
		if s == "" {
			return nil
		}
		if _, err := civil.Parse(s); err != nil {
			return &ImportError{Path: path, Code: CodeDate, Message: fmt.Sprintf("date attendue au format AAAA-MM-JJ (reçu %q)", s)}
		}
		return nil
	case moneyType, percentType:
		n, ok := v.(json.Number)
		if !ok {
			return &ImportError{Path: path, Code: CodeType, Message: "nombre attendu"}
		}
		if _, err := parseHundredths(string(n)); err != nil {
			return &ImportError{Path: path, Code: CodeNumber, Message: fmt.Sprintf("nombre décimal attendu (reçu %s)", n)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return walk(v, t.Elem(), path)
	case reflect.String:
		if _, ok := v.(string); !ok {
			return &ImportError{Path: path, Code: CodeType, Message: "texte attendu"}
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return &ImportError{Path: path, Code: CodeType, Message: "true ou false attendu (oui/non)"}
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return &ImportError{Path: path, Code: CodeType, Message: "nombre entier attendu"}
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return &ImportError{Path: path, Code: CodeNumber, Message: fmt.Sprintf("nombre entier attendu (reçu %s)", n)}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return &ImportError{Path: path, Code: CodeType, Message: "liste attendue"}
		}
		for i, e := range arr {
			if ie := walk(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); ie != nil {
				return ie
			}
		}
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			if path == "" {
				return &ImportError{Path: path, Code: CodeType, Message: "objet JSON attendu"}
			}
			return &ImportError{Path: path, Code: CodeType, Message: "objet attendu"}
		}
		fields := fieldsOf(t)
		// Report keys in a stable order: the document's order is lost by the
		// map, so sort for reproducible messages.
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sortStrings(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				return &ImportError{Path: join(path, k), Code: CodeUnknownKey, Message: "clé inconnue"}
			}
			if ie := walk(obj[k], ft, join(path, k)); ie != nil {
				return ie
			}
		}
	}
	return nil
}

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	m := make(map[string]reflect.Type, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = f.Type
	}
	return m
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// node is the shape of one JSON position in the canonical format: the keys
// of an object with the shape of each value, or the shape of array elements.
type node struct {
	fields map[string]*node // object: allowed keys, exactly cased
	elem   *node            // array: shape of the elements
}

// schema is the shape of a Contract document.
var schema = shapeOf(reflect.TypeOf(Contract{}), map[reflect.Type]*node{})

func shapeOf(t reflect.Type, seen map[reflect.Type]*node) *node {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return nil
	case t.Kind() == reflect.Slice:
		return &node{elem: shapeOf(t.Elem(), seen)}
	case t.Kind() != reflect.Struct:
		return nil
	}
	if n, ok := seen[t]; ok {
		return n
	}
	n := &node{fields: map[string]*node{}}
	seen[t] = n
	for name, ft := range fieldsOf(t) {
		n.fields[name] = shapeOf(ft, seen)
	}
	return n
}

// keysKnown reports whether every object key of data is a key of the
// canonical format at its place, exactly cased. It only looks at keys:
// syntax and types are the decoder's job, and a malformed document makes it
// stop and answer true, for the decoder to refuse it with its reason.
func keysKnown(data []byte) bool {
	sc := keyScanner{data: data}
	return sc.value(schema, 0)
}

type keyScanner struct {
	data []byte
	i    int
}

func (s *keyScanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// str skips a string starting at its opening quote and returns its raw
// content and whether it holds an escape.
func (s *keyScanner) str() (raw []byte, escaped bool) {
	s.i++ // opening quote
	start := s.i
	for {
		q := bytes.IndexByte(s.data[s.i:], '"')
		if q < 0 {
			s.i = len(s.data)
			return s.data[start:], escaped
		}
		end := s.i + q
		// The quote ends the string unless an odd run of backslashes
		// precedes it.
		n := 0
		for j := end - 1; j >= start && s.data[j] == '\\'; j-- {
			n++
		}
		if !escaped && bytes.IndexByte(s.data[s.i:end], '\\') >= 0 {
			escaped = true
		}
		s.i = end + 1
		if n%2 == 0 {
			return s.data[start:end], escaped
		}
	}
}

// value scans one value whose shape is n (nil: a scalar or unknown place).
func (s *keyScanner) value(n *node, depth int) bool {
	if depth > 64 {
		return true // the decoder will judge such nesting
	}
	s.ws()
	if s.i >= len(s.data) {
		return true
	}
	switch s.data[s.i] {
	case '{':
		s.i++
		for {
			s.ws()
			if s.i >= len(s.data) {
				return true
			}
			if s.data[s.i] == '}' {
				s.i++
				return true
			}
			if s.data[s.i] != '"' {
				return true // syntax error: the decoder reports it
			}
			key, escaped := s.str()
			var child *node
			if n != nil && n.fields != nil {
				c, ok := n.fields[string(key)]
				if !ok || escaped {
					return false
				}
				child = c
			}
			s.ws()
			if s.i >= len(s.data) || s.data[s.i] != ':' {
				return true
			}
			s.i++
			if !s.value(child, depth+1) {
				return false
			}
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.data) && s.data[s.i] == '}' {
				s.i++
			}
			return true
		}
	case '[':
		s.i++
		var elem *node
		if n != nil {
			elem = n.elem
		}
		for {
			s.ws()
			if s.i >= len(s.data) {
				return true
			}
			if s.data[s.i] == ']' {
				s.i++
				return true
			}
			if !s.value(elem, depth+1) {
				return false
			}
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.data) && s.data[s.i] == ']' {
				s.i++
			}
			return true
		}
	case '"':
		s.str()
	default:
		start := s.i
		for s.i < len(s.data) {
			c := s.data[s.i]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			s.i++
		}
		if s.i == start {
			s.i++ // a stray byte: step over it, the decoder reports it
		}
	}
	return true
}
