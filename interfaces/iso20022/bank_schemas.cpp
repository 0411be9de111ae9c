#include "bank_schemas.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

namespace zc::iso20022 {
namespace {

std::mutex g_bank_schemas_mutex;
std::shared_ptr<const xml::SchemaSet> g_bank_schemas;

}  // namespace

const xml::SchemaSet& bankSchemas() {
    std::lock_guard lock(g_bank_schemas_mutex);
    if (!g_bank_schemas) throw std::runtime_error("bank statement schemas are not loaded");
    return *g_bank_schemas;
}

void setBankSchemas(const std::filesystem::path& dir) {
    auto set = std::make_shared<const xml::SchemaSet>(dir);
    std::lock_guard lock(g_bank_schemas_mutex);
    g_bank_schemas = std::move(set);
}

}  // namespace zc::iso20022
