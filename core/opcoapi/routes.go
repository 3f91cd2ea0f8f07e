package opcoapi

// Prefix is the version prefix of every API route but /healthz.
const Prefix = "/v1"

// The routes, as net/http (Go 1.22+) patterns: method, path and wildcards.
// {id} is a contract's UUID (client-generated), {doc} a document's UUID,
// {sha256} the lower-case hex SHA-256 of a content.
const (
	RouteHealth = "GET /healthz"

	RouteLogin  = "POST /v1/sessions"           // LoginRequest → Session
	RouteLogout = "DELETE /v1/sessions/current" // → 204
	RouteMe     = "GET /v1/me"                  // → Account

	RouteChanges  = "GET /v1/changes"                // ?since=CURSOR&limit=N → Changes
	RouteList     = "GET /v1/contracts"              // → ContractList (what the caller may see)
	RouteContract = "GET /v1/contracts/{id}"         // → Contract, content included
	RouteHistory  = "GET /v1/contracts/{id}/history" // → History

	RouteTransmit = "PUT /v1/contracts/{id}/transmission"    // TransmitRequest → PushResponse (entreprise)
	RouteSend     = "PUT /v1/contracts/{id}/envoi"           // SendRequest → PushResponse (cfa)
	RouteAccept   = "POST /v1/contracts/{id}/acceptation"    // ActionRequest → PushResponse (entreprise)
	RouteCancel   = "POST /v1/contracts/{id}/annulation"     // ActionRequest → PushResponse (entreprise)
	RouteAttach   = "POST /v1/contracts/{id}/documents"      // AttachRequest → PushResponse (entreprise, cfa)
	RouteDocument = "GET /v1/contracts/{id}/documents/{doc}" // → the document's bytes

	RouteBlobPut  = "PUT /v1/blobs/{sha256}"  // raw content → Blob (entreprise, cfa)
	RouteBlobHead = "HEAD /v1/blobs/{sha256}" // 200 when the service holds it, 404 otherwise

	RouteQueue       = "GET /v1/queue"                       // → Queue (agent)
	RouteInstruction = "POST /v1/contracts/{id}/instruction" // ActionRequest → PushResponse (agent)
	RouteDecision    = "POST /v1/contracts/{id}/decision"    // DecisionRequest → PushResponse (agent)
)

// Path helpers for clients: the concrete path of a route for given values.

// ContractPath is /v1/contracts/{id}.
func ContractPath(id string) string { return Prefix + "/contracts/" + id }

// ContractSubPath is /v1/contracts/{id}/{sub}.
func ContractSubPath(id, sub string) string { return ContractPath(id) + "/" + sub }

// DocumentPath is /v1/contracts/{id}/documents/{doc}.
func DocumentPath(id, doc string) string { return ContractPath(id) + "/documents/" + doc }

// BlobPath is /v1/blobs/{sha256}.
func BlobPath(sha256 string) string { return Prefix + "/blobs/" + sha256 }

// HeaderAuthorization carries "Bearer <token>" on every route but login and
// /healthz.
const HeaderAuthorization = "Authorization"

// HeaderRetryAfter is set on 429 and 503 answers, in seconds.
const HeaderRetryAfter = "Retry-After"

// Size limits of request bodies.
const (
	// MaxJSONBody is the largest JSON request body: a contract is ≈ 4 KB.
	MaxJSONBody = 1 << 20
	// MaxDocument is the largest document content (docs.MaxSize, 10 MB).
	MaxDocument = 10 << 20
)
