#include "message_schemas.hpp"

#include <mutex>
#include <stdexcept>

namespace zc::iwmo {
namespace {

std::shared_ptr<const xml::SchemaSet> g_schemas;
std::shared_ptr<const xml::SchemaSet> g_outgoing_schemas;
xml::Limits g_limits;
std::mutex g_schemas_mutex;

}  // namespace

void setMessageSchemas(std::shared_ptr<const xml::SchemaSet> schemas, xml::Limits limits) {
    std::lock_guard lock(g_schemas_mutex);
    g_schemas = std::move(schemas);
    g_limits = limits;
}

const xml::SchemaSet& messageSchemas() {
    std::lock_guard lock(g_schemas_mutex);
    if (!g_schemas) throw std::runtime_error("message schemas are not loaded");
    return *g_schemas;
}

xml::Limits messageLimits() {
    std::lock_guard lock(g_schemas_mutex);
    return g_limits;
}

void setOutgoingSchemas(std::shared_ptr<const xml::SchemaSet> schemas) {
    std::lock_guard lock(g_schemas_mutex);
    g_outgoing_schemas = std::move(schemas);
}

const xml::SchemaSet& outgoingSchemas() {
    std::lock_guard lock(g_schemas_mutex);
    if (!g_outgoing_schemas) throw std::runtime_error("outgoing message schemas are not loaded");
    return *g_outgoing_schemas;
}

}  // namespace zc::iwmo
