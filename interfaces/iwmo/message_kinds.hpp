#pragma once
// The iWmo 3.2 message set as we use it: BerichtCodes, namespaces, which message answers which,
// and the "classes" (elements that carry RetourCodes in a retour message).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zc::iwmo {

inline constexpr const char* kBasisNamespace =
    "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema";
inline constexpr const char* kBasisschemaXsdVersie = "1.0.0";
inline constexpr const char* kBerichtXsdVersie = "1.0.0";

struct MessageKind {
    std::string name;                  // "wmo305"
    std::string code;                  // BerichtCode "418"
    std::string retour_name;           // "wmo306", or "" when the message has no retour
    bool from_provider;                // direction aanbieder -> gemeente
    std::vector<std::string> classes;  // local names that get RetourCodes in the retour

    std::string ns() const;  // http://www.istandaarden.nl/iwmo/3_2/<name>/schema
};

// The bytes from the start of a message that suffice to tell a WMO323 by its namespace.
inline constexpr std::size_t kSniffBytes = 4096;
// Whether the first kSniffBytes of a message name the WMO323 namespace: declarations take the
// streaming path (any size up to limits.max_declaration_bytes), other messages are read whole.
// The one place that tells them apart before parsing.
bool looksLikeDeclaration(std::string_view head);

// nullptr when `ns` is not an iWmo 3.2 message namespace.
const MessageKind* kindByNamespace(std::string_view ns);
const MessageKind& kindByName(std::string_view name);  // asserts a known name

// The retour codes we use (WJ001), each with a message a provider can act on.
struct RetourCodeText {
    std::string code;
    std::string text;
};
const std::vector<RetourCodeText>& retourCodeCatalogue();
const std::string& retourCodeText(const std::string& code);  // asserts a catalogued code

}  // namespace zc::iwmo
