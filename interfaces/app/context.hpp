#pragma once
// Transition only: the handlers still in interfaces/app see the HTTP adapter's request types,
// JSON helpers and the audit trail under their old names. Goes when interfaces/app goes.
#include "interfaces/http/api_request.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/json_output.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::app {
using http::ApiRequest;
using http::ApiResponse;
using http::intArray;
using http::isoTimestamp;
using http::newArray;
using http::newObject;
using http::notFound;
using http::objectAt;
using http::optionalArray;
using http::optionalBool;
using http::optionalDate;
using http::optionalInt;
using http::optionalString;
using http::Page;
using http::pageFrom;
using http::requiredArray;
using http::requiredCents;
using http::requiredDate;
using http::requiredInt;
using http::requiredString;
using http::setOptional;
using http::setOptionalInt;
using http::stringArray;
using http::toJson;
using security::appendAudit;
using security::appendAuditStandalone;
using security::AuditEntry;
}  // namespace zc::app
