#pragma once
// The XSDs of the message exchange, set once at start-up (server and CLI): those a received
// message is validated against (xml.schema_dir) with their limits, and our own (all 14 iWmo 3.2
// message types) against which every outgoing message is validated before it is queued.
#include <memory>

#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

// The XSDs and limits (size, depth, ...) used for intake.
void setMessageSchemas(std::shared_ptr<const xml::SchemaSet> schemas, xml::Limits limits);
// The intake's XSDs; throws std::runtime_error before setMessageSchemas.
const xml::SchemaSet& messageSchemas();
// The limits of setMessageSchemas, for messages other than declarations.
xml::Limits messageLimits();
// Our own XSDs (interfaces/xml/schemas/iwmo-3.2), whatever xml.schema_dir names for intake.
void setOutgoingSchemas(std::shared_ptr<const xml::SchemaSet> schemas);
// The outgoing XSDs; throws std::runtime_error before setOutgoingSchemas.
const xml::SchemaSet& outgoingSchemas();

}  // namespace zc::iwmo
