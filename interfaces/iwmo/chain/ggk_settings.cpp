#include "ggk_settings.hpp"

#include <mutex>
#include <stdexcept>

namespace zc::iwmo {
namespace {

std::mutex g_mutex;
GgkSettings g_settings;
std::shared_ptr<const xml::SchemaSet> g_schemas;

}  // namespace

void setGgkSettings(GgkSettings s) {
    std::lock_guard lock(g_mutex);
    g_settings = std::move(s);
}

GgkSettings ggkSettings() {
    std::lock_guard lock(g_mutex);
    return g_settings;
}

void setGgkSchemas(std::shared_ptr<const xml::SchemaSet> schemas) {
    std::lock_guard lock(g_mutex);
    g_schemas = std::move(schemas);
}

const xml::SchemaSet& ggkSchemas() {
    std::lock_guard lock(g_mutex);
    if (!g_schemas) throw std::runtime_error("GGk envelope schemas are not loaded");
    return *g_schemas;
}

}  // namespace zc::iwmo
