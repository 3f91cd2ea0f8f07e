package opcoapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
)

func TestStatusOf(t *testing.T) {
	tests := []struct {
		code Code
		want int
	}{
		{CodeInvalid, 400},
		{CodeUnauthorized, 401},
		{CodeForbidden, 403},
		{CodeNotFound, 404},
		{CodeMethod, 405},
		{CodeConflict, 409},
		{CodeInvalidTransition, 409},
		{CodeStarted, 409},
		{CodeAssigned, 409},
		{CodeTooLarge, 413},
		{CodeWrongType, 415},
		{CodeNotValid, 422},
		{CodeHashMismatch, 422},
		{CodeMissingContent, 422},
		{CodeMissingEmail, 422},
		{CodeEmpty, 422},
		{CodeRateLimited, 429},
		{CodeInternal, 500},
		{CodeUnavailable, 503},
		{"something_new", 500},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			if got := StatusOf(tt.code); got != tt.want {
				t.Errorf("StatusOf(%s) = %d, want %d", tt.code, got, tt.want)
			}
		})
	}
}

func TestErrorBody(t *testing.T) {
	e := &Error{Code: CodeNotValid, Message: "Le Cerfa n'a pas pu être validé", Tabs: []string{"Salarié"},
		Findings: []Finding{{Tab: "Salarié", Field: "apprenti.nir", Rule: "SAL-NIR-KEY", Severity: "E", Message: "x"}}}
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Error
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Code != CodeNotValid || back.Message != e.Message || len(back.Findings) != 1 || back.Tabs[0] != "Salarié" {
		t.Errorf("round trip: %s → %+v", data, back)
	}
	if !errors.Is(&back, &Error{Code: CodeNotValid}) || errors.Is(&back, &Error{Code: CodeConflict}) {
		t.Error("errors.Is must match on the code only")
	}
}

func TestTemporary(t *testing.T) {
	for status, want := range map[int]bool{
		http.StatusOK: false, 400: false, 401: false, 403: false, 409: false, 413: false, 422: false,
		408: true, 429: true, 500: true, 502: true, 503: true,
	} {
		if got := Temporary(status); got != want {
			t.Errorf("Temporary(%d) = %v, want %v", status, got, want)
		}
	}
}
