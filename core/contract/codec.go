package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"cerfadesk/core/civil"
)

// Import error codes, stable for programs.
const (
	CodeSyntax     = "json_invalide"
	CodeUnknownKey = "cle_inconnue"
	CodeType       = "type_invalide"
	CodeDate       = "date_invalide"
	CodeNumber     = "nombre_invalide"
)

// ImportError says where and why a canonical JSON document was refused.
type ImportError struct {
	Path    string // dotted path in the canonical keys, "" for the whole document
	Code    string
	Message string // French, for people
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
	var c Contract
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&c)
	if err == nil {
		if _, terr := dec.Token(); terr == nil {
			return nil, &ImportError{Code: CodeSyntax, Message: "contenu en trop après l'objet JSON"}
		}
		// encoding/json matches keys case-insensitively; the canonical
		// format does not, so a key in another case is unknown.
		if !keysExact(data) {
			return nil, locate(data, errors.New("clé inconnue"))
		}
		return &c, nil
	}
	return nil, locate(data, err)
}

// Encode writes c in the canonical JSON, indented, keys in Cerfa order.
func Encode(c *Contract) ([]byte, error) {
	return json.MarshalIndent(c, "", "  ")
}

// locate re-reads a refused document generically to name the faulty path;
// the fast decoder's errors do not carry it.
func locate(data []byte, cause error) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &ImportError{Code: CodeSyntax, Message: fmt.Sprintf("JSON invalide à l'octet %d : %v", se.Offset, se)}
		}
		return &ImportError{Code: CodeSyntax, Message: "JSON invalide : " + err.Error()}
	}
	if ie := walk(v, reflect.TypeOf(Contract{}), ""); ie != nil {
		return ie
	}
	return &ImportError{Code: CodeSyntax, Message: "document refusé : " + cause.Error()}
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
			return &ImportError{path, CodeDate, "date attendue au format AAAA-MM-JJ"}
		}
		if s == "" {
			return nil
		}
		if _, err := civil.Parse(s); err != nil {
			return &ImportError{path, CodeDate, fmt.Sprintf("date attendue au format AAAA-MM-JJ (reçu %q)", s)}
		}
		return nil
	case moneyType, percentType:
		n, ok := v.(json.Number)
		if !ok {
			return &ImportError{path, CodeType, "nombre attendu"}
		}
		if _, err := parseHundredths(string(n)); err != nil {
			return &ImportError{path, CodeNumber, fmt.Sprintf("nombre décimal attendu (reçu %s)", n)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return walk(v, t.Elem(), path)
	case reflect.String:
		if _, ok := v.(string); !ok {
			return &ImportError{path, CodeType, "texte attendu"}
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return &ImportError{path, CodeType, "true ou false attendu (oui/non)"}
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return &ImportError{path, CodeType, "nombre entier attendu"}
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return &ImportError{path, CodeNumber, fmt.Sprintf("nombre entier attendu (reçu %s)", n)}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return &ImportError{path, CodeType, "liste attendue"}
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
				return &ImportError{path, CodeType, "objet JSON attendu"}
			}
			return &ImportError{path, CodeType, "objet attendu"}
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
				return &ImportError{join(path, k), CodeUnknownKey, "clé inconnue"}
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

// knownKeys holds every key of the canonical format, exactly cased.
var knownKeys = func() map[string]bool {
	m := map[string]bool{}
	var visit func(t reflect.Type)
	seen := map[reflect.Type]bool{}
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == dateType || seen[t] {
			return
		}
		seen[t] = true
		for name, ft := range fieldsOf(t) {
			m[name] = true
			visit(ft)
		}
	}
	visit(reflect.TypeOf(Contract{}))
	return m
}()

// keysExact reports whether every object key of a valid JSON document is a
// known key with its exact case. It scans the bytes once, without decoding.
func keysExact(data []byte) bool {
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		start := i + 1
		escaped := false
		for i++; i < len(data); i++ {
			if data[i] == '\\' {
				escaped = true
				i++
				continue
			}
			if data[i] == '"' {
				break
			}
		}
		end := i
		j := i + 1
		for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
			j++
		}
		if j < len(data) && data[j] == ':' {
			if escaped || !knownKeys[string(data[start:end])] {
				return false
			}
		}
	}
	return true
}
