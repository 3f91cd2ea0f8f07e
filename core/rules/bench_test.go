package rules

import (
	"testing"

	"cerfadesk/core/contract"
)

// benchValidate validates a decoded fixture with every rule.
func benchValidate(b *testing.B, name string) {
	c := fixture(b, name)
	opt := Options{Today: testToday}
	if res := Validate(c, opt); len(res.Findings) != 0 {
		b.Fatalf("%s is not clean: %+v", name, res.Findings)
	}
	b.ReportAllocs()
	for b.Loop() {
		Validate(c, opt)
	}
}

func BenchmarkValidateApprentissage(b *testing.B) { benchValidate(b, app) }

func BenchmarkValidatePro(b *testing.B) { benchValidate(b, pro) }

// BenchmarkImportValidate is what `cerfadesk validate` does per file:
// decode the canonical JSON, then validate.
func BenchmarkImportValidate(b *testing.B) {
	raw := fixtureJSON(b, app)
	opt := Options{Today: testToday}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		c, err := contract.Decode(raw)
		if err != nil {
			b.Fatal(err)
		}
		Validate(c, opt)
	}
}
